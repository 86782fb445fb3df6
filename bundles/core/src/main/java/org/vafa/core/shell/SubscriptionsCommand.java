package org.vafa.core.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.vafa.core.events.EventStore;
import org.vafa.core.events.VafaEventLog;

@Service
@Command(scope = "vafa", name = "subscriptions", description = "Lists durable subscriptions, their position and backlog")
public class SubscriptionsCommand implements Action {
    @Reference
    private VafaEventLog eventLog;

    @Override
    public Object execute() {
        long last = eventLog.store().lastSequence();
        ShellTable table = new ShellTable();
        table.column("Subscription");
        table.column("Types");
        table.column("Position");
        table.column("Log end");
        table.column("Parked");
        table.column("Updated");
        for (EventStore.Subscription s : eventLog.store().subscriptions()) {
            table.addRow().addContent(s.name(), s.types(), s.lastSeq(), last, eventLog.store().parked(s.name(), false).size(),
                    s.updatedAt());
        }
        table.print(System.out);
        return null;
    }
}
