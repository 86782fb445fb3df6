package org.vafa.core.shell;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.vafa.api.events.CloudEvent;
import org.vafa.core.events.EventStore;
import org.vafa.core.events.TypeFilter;
import org.vafa.core.events.VafaEventLog;

@Service
@Command(scope = "vafa", name = "events", description = "Shows the latest events of the log")
public class EventsCommand implements Action {
    @Reference
    private VafaEventLog eventLog;

    @Option(name = "-t", aliases = "--type", description = "Event types, e.g. club.member.* (default: all)")
    private String types = "*";

    @Option(name = "-n", aliases = "--last", description = "How many events")
    private int last = 20;

    @Override
    public Object execute() {
        EventStore store = eventLog.store();
        long upTo = store.lastSequence();
        List<CloudEvent> events = store.read(TypeFilter.parse(types), Math.max(0, upTo - Math.max(1, last) * 50L), upTo, 100_000);
        events.subList(Math.max(0, events.size() - last), events.size()).forEach(e -> System.out.println(EventsTailCommand.line(e)));
        return null;
    }
}
