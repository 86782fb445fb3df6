package org.vafa.core.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.vafa.core.events.EventTransport;
import org.vafa.core.events.VafaEventLog;

@Service
@Command(scope = "vafa", name = "subscriptions", description = "Lists durable subscriptions: position, backlog, parked events, what a running"
        + " one waits for, what this node does for each; then which node runs each piece of work done once for the cluster")
public class SubscriptionsCommand implements Action {
    @Reference
    private VafaEventLog eventLog;
    @Reference
    private org.vafa.api.cluster.ClusterSingletons cluster;

    @Override
    public Object execute() {
        EventTransport transport = eventLog.transport();
        System.out.println("Transport: " + transport.name() + ", log end " + eventLog.store().lastSequence());
        ShellTable table = new ShellTable();
        table.column("Subscription");
        table.column("Types");
        table.column("Position");
        table.column("Backlog");
        table.column("Parked");
        table.column("Running");
        table.column("Waiting for");
        table.column("On this node");
        table.column("Updated");
        for (EventTransport.SubscriptionState s : transport.subscriptions()) {
            table.addRow().addContent(s.name(), s.types(), s.position(), s.backlog(), s.parked(), s.running() ? "yes" : "no",
                    s.waitingFor() == null ? "" : s.waitingFor(), s.onThisNode(), s.updatedAt());
        }
        table.print(System.out);
        System.out.println();
        System.out.println("This node: " + cluster.nodeId() + ". Work done once for the cluster, and the node that runs it:");
        ShellTable singletons = new ShellTable();
        singletons.column("Singleton");
        singletons.column("Node");
        singletons.column("Lease until");
        for (org.vafa.api.cluster.ClusterSingletons.Holder h : cluster.holders()) {
            singletons.addRow().addContent(h.singleton(), h.node() + (h.lapsed() ? " (lapsed)" : ""), h.until());
        }
        singletons.print(System.out);
        return null;
    }
}
