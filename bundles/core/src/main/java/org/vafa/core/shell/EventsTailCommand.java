package org.vafa.core.shell;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.vafa.api.events.CloudEvent;
import org.vafa.core.events.EventStore;
import org.vafa.core.events.Json;
import org.vafa.core.events.TypeFilter;
import org.vafa.core.events.VafaEventLog;

@Service
@Command(scope = "vafa", name = "events-tail", description = "Prints events as they are committed, until Ctrl-C")
public class EventsTailCommand implements Action {
    @Reference
    private VafaEventLog eventLog;

    @Option(name = "-t", aliases = "--type", description = "Event types, e.g. club.member.* (default: all)")
    private String types = "*";

    @Override
    public Object execute() throws Exception {
        TypeFilter filter = TypeFilter.parse(types);
        EventStore store = eventLog.store();
        // Database reads run on a thread of their own: Ctrl-C interrupts this thread, and an
        // interrupt during H2 file I/O would close the database.
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            long position = reader.submit(store::lastSequence).get();
            System.out.println("Waiting for events (" + filter + "), Ctrl-C to stop");
            while (!Thread.currentThread().isInterrupted()) {
                long from = position;
                Future<List<CloudEvent>> next = reader.submit(() -> store.read(filter, from, store.lastSequence(), 500));
                List<CloudEvent> events = next.get();
                for (CloudEvent e : events) {
                    System.out.println(line(e));
                    position = e.sequence();
                }
                if (events.isEmpty()) {
                    long last = reader.submit(store::lastSequence).get();
                    position = Math.max(position, last);
                    Thread.sleep(200);
                }
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } finally {
            reader.shutdown();
        }
        return null;
    }

    static String line(CloudEvent e) {
        return "#" + e.sequence() + " " + e.time() + " " + e.type() + " subject=" + e.subject() + " " + Json.envelope(e).get("data");
    }
}
