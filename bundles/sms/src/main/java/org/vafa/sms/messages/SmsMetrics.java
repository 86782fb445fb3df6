package org.vafa.sms.messages;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.plugin.PluginReady;

/**
 * The SMS outbox's depth for the platform's metrics ({@code vafa_sms_outbox{state}}): texts waiting to go
 * ({@code QUEUED}), handed to a gateway without an answer yet ({@code SENDING}) and parked for an operator
 * ({@code PARKED}). Counted on the shared database, so every node shows the cluster's outbox; asked at most every few
 * seconds however often Prometheus scrapes.
 */
@Component(immediate = true)
public class SmsMetrics {
    private static final List<String> STATES = List.of("QUEUED", "SENDING", "PARKED");
    private static final long FRESH_NANOS = 5_000_000_000L;

    private final Database database;
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private volatile Map<String, Long> depth = Map.of();
    private volatile long countedAt;

    @Activate
    public SmsMetrics(@Reference Database database, @Reference MeterRegistry registry,
                      @Reference(target = "(" + PluginReady.NAME + "=sms)") PluginReady ready) {
        this.database = database;
        this.registry = registry;
        for (String state : STATES) {
            meters.add(Gauge.builder("vafa.sms.outbox", this, m -> m.depth(state)).tag("state", state)
                    .description("Texts in the SMS outbox by state").register(registry));
        }
    }

    @Deactivate
    void stop() {
        meters.forEach(registry::remove);
    }

    private synchronized double depth(String state) {
        if (System.nanoTime() - countedAt > FRESH_NANOS) {
            Map<String, Long> counted = new java.util.HashMap<>();
            database.inTransaction(tx -> Sql.list(tx, "SELECT status, COUNT(*) FROM sms_message WHERE status IN ('QUEUED', 'SENDING',"
                    + " 'PARKED') GROUP BY status", rs -> counted.put(rs.getString(1), rs.getLong(2))));
            depth = counted;
            countedAt = System.nanoTime();
        }
        return depth.getOrDefault(state, 0L);
    }
}
