package org.vafa.itest.plugin;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.apache.camel.Exchange;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.events.EventHeaders;
import org.vafa.api.plugin.PluginReady;

/**
 * The side effect routes call: {@code bean:testRecorder?method=record}. It records every call, and
 * does its effect once per event id in the same transaction (the idempotent-consumer pattern a real
 * plugin uses), so tests can tell deliveries from effects.
 */
@Component(service = Recorder.class, property = "name=testRecorder")
public class Recorder {
    @Reference
    private Database database;
    @Reference(target = "(" + PluginReady.NAME + "=testplugin)")
    private PluginReady ready; // its table is there

    /** While set, every delivery fails (an outage of whatever the effect needs). */
    static volatile boolean failing;

    public void record(Exchange exchange) {
        String id = exchange.getMessage().getHeader(EventHeaders.ID, String.class);
        String subject = exchange.getMessage().getHeader(EventHeaders.SUBJECT, String.class);
        long seq = exchange.getMessage().getHeader(EventHeaders.SEQUENCE, Long.class);
        database.inTransaction(tx -> {
            try (PreparedStatement ps = tx.prepareStatement("INSERT INTO testplugin_call (event_id) VALUES (?)")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            return null;
        });
        if (failing) {
            throw new IllegalStateException("the recorder is switched to failing");
        }
        database.inTransaction(tx -> {
            try (PreparedStatement ps = tx.prepareStatement("SELECT 1 FROM testplugin_received WHERE event_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return null; // done before: a redelivery after a crash
                    }
                }
            }
            try (PreparedStatement ps = tx.prepareStatement("INSERT INTO testplugin_received (event_id, subject, seq) VALUES (?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, subject);
                ps.setLong(3, seq);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
