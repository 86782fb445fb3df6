package org.vafa.core.shell;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.vafa.core.events.EventStore;
import org.vafa.core.events.VafaEventLog;

@Service
@Command(scope = "vafa", name = "parked-retry", description = "Delivers parked events again (the subscription's route must be running)")
public class ParkedRetryCommand implements Action {
    @Reference
    private VafaEventLog eventLog;

    @Argument(index = 0, name = "ids", description = "Ids from vafa:parked", required = false, multiValued = true)
    @Completion(Completions.Parked.class)
    private List<Long> ids;

    @Option(name = "--all", description = "Retry every parked delivery")
    private boolean all;

    @Override
    public Object execute() {
        EventStore store = eventLog.store();
        List<Long> chosen = all ? store.parked(null, false).stream().map(EventStore.ParkedDelivery::id).toList()
                : ids == null ? List.of() : ids;
        if (chosen.isEmpty()) {
            System.out.println("Name the ids to retry (see vafa:parked), or --all");
            return null;
        }
        for (long id : chosen) {
            System.out.println(eventLog.retryParked(id) ? "Retry of " + id + " requested" : "No parked delivery " + id);
        }
        return null;
    }
}
