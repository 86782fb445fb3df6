package org.vafa.core.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.vafa.core.events.EventStore;
import org.vafa.core.events.VafaEventLog;

@Service
@Command(scope = "vafa", name = "parked", description = "Lists deliveries that failed every attempt and were parked")
public class ParkedCommand implements Action {
    @Reference
    private VafaEventLog eventLog;

    @Argument(index = 0, name = "subscription", description = "Only this subscription", required = false)
    @Completion(Completions.Subscriptions.class)
    private String subscription;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Subscription");
        table.column("Event #");
        table.column("Type");
        table.column("Subject");
        table.column("Attempts");
        table.column("Parked at");
        table.column("Retry asked");
        table.column("Last error").maxSize(80).wrap();
        for (EventStore.ParkedDelivery p : eventLog.store().parked(subscription, false)) {
            String type = eventLog.store().bySequence(p.eventSeq()).map(e -> e.type()).orElse("?");
            table.addRow().addContent(p.id(), p.subscription(), p.eventSeq(), type, p.subject(), p.attempts(), p.parkedAt(),
                    p.retryRequested(), p.lastError());
        }
        table.print(System.out);
        return null;
    }
}
