package org.vafa.sms.messages;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.cluster.ClusterSingletons;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.sms.api.SmsGateway;

/**
 * Sends what is due in the outbox through the active gateway, one message at a time, within the rate
 * limit. While the configured gateway is not installed, messages wait (no attempt is counted); a gateway
 * that cannot take a message now gets it again after a backoff (5 s, doubling up to the configured
 * maximum); one that refuses it for good, or too many attempts, parks it with the reason.
 *
 * <p>A message is claimed ({@code SENDING}) in its own transaction before the gateway gets it. One still
 * {@code SENDING} after {@link #IN_DOUBT_AFTER} had its send cut off (the server stopped, or the outcome
 * could not be stored): its gateway is asked whether it has it ({@link SmsGateway#recall}) before anything
 * is sent again, so a message is not sent twice; one the gateway cannot tell about is parked as in doubt.
 */
@Component(service = SmsDispatcher.class, immediate = true)
public class SmsDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(SmsDispatcher.class);
    private static final long TICK_MS = 200;
    /** Far longer than any gateway's own timeout: a message claimed this long ago whose outcome is not stored was cut off. */
    static final Duration IN_DOUBT_AFTER = Duration.ofMinutes(2);
    /** How soon a gateway that could not answer about a message in doubt is asked again. */
    static final Duration ASK_AGAIN_AFTER = Duration.ofSeconds(30);

    @Reference
    private Database database;
    @Reference
    private SmsMessages messages;
    /** One node sends for the cluster: the gateway's rate limit holds for all, and a message in doubt is settled once. */
    @Reference
    private ClusterSingletons cluster;

    private final Map<String, SmsGateway> gateways = new ConcurrentHashMap<>();
    /** The gateway's budget ({@code ratePerSecond}, Bucket4j): honoured below one a tick too. */
    private io.github.bucket4j.Bucket rate;
    private int ratePerSecond;
    private ScheduledExecutorService executor;
    private volatile String missingReported;

    public SmsDispatcher() {
    }

    /** Outside OSGi (tests): call {@link #dispatchDue} yourself. */
    public SmsDispatcher(Database database, SmsMessages messages) {
        this.database = database;
        this.messages = messages;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addGateway(SmsGateway gateway, Map<String, Object> properties) {
        gateways.put(String.valueOf(properties.get("gateway")), gateway);
    }

    public void removeGateway(SmsGateway gateway, Map<String, Object> properties) {
        gateways.remove(String.valueOf(properties.get("gateway")), gateway);
    }

    @Activate
    void activate() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "vafa-sms-dispatcher"));
        Runnable tick = () -> {
            try {
                if (cluster.leads("sms:dispatcher")) {
                    dispatchDue(Instant.now());
                }
            } catch (RuntimeException | LinkageError e) {
                // a LinkageError comes from a gateway bundle refreshed mid-call; an escaping throwable would end the schedule
                LOG.warn("SMS dispatch failed, trying again: {}", e.toString());
            }
        };
        executor.scheduleWithFixedDelay(tick, 1000, TICK_MS, TimeUnit.MILLISECONDS);
        // a message queued to go now is sent at once (on the same thread; the rate limit still holds), not at the next tick
        java.util.concurrent.atomic.AtomicBoolean woken = new java.util.concurrent.atomic.AtomicBoolean();
        messages.onQueued(() -> {
            if (woken.compareAndSet(false, true)) { // a burst of messages wakes it once
                try {
                    executor.execute(() -> {
                        woken.set(false);
                        tick.run();
                    });
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    woken.set(false); // deactivating: the next start sends it
                }
            }
        });
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        messages.onQueued(null);
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** The active gateway's name and the installed ones. */
    public Map<String, Object> status() {
        return Map.of("active", messages.settings().gateway(), "installed", List.copyOf(gateways.keySet()),
                "ready", gateways.containsKey(messages.settings().gateway()));
    }

    /** Sends what is due at {@code now}, at most a tick's share of the rate; returns how many the gateway accepted. */
    public int dispatchDue(Instant at) {
        // the databases keep microseconds (H2 rounds): a time written and compared within one call must be exact
        Instant now = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        settleInDoubt(now);
        SmsMessages.Settings s = messages.settings();
        SmsGateway gateway = gateways.get(s.gateway());
        if (gateway == null) {
            if (!s.gateway().equals(missingReported)) {
                LOG.warn("SMS gateway '{}' is not installed: messages wait in the outbox (installed: {})", s.gateway(), gateways.keySet());
                missingReported = s.gateway();
            }
            return 0;
        }
        missingReported = null;
        int batch = Math.max(1, (int) (s.ratePerSecond() * TICK_MS / 1000));
        List<SmsMessages.Message> due = database.inTransaction(tx -> Sql.list(tx, "SELECT " + SmsMessages.COLUMNS + " FROM sms_message"
                + " WHERE status = 'QUEUED' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT ?", SmsMessages::message,
                now, batch));
        int accepted = 0;
        io.github.bucket4j.Bucket budget = rate(s.ratePerSecond());
        for (SmsMessages.Message m : due) {
            if (!budget.tryConsume(1)) {
                break; // the rest waits for the next tick
            }
            if (!claim(m, s.gateway(), now)) {
                continue; // settled meanwhile (e.g. by an operator)
            }
            SmsGateway.Result result;
            try {
                result = gateway.send(new SmsGateway.Outgoing(m.id(), m.phone(), m.body(), m.senderLine(), m.encoding().equals("UCS2"),
                        m.parts()));
            } catch (RuntimeException e) {
                result = SmsGateway.Result.retry(e.toString());
            }
            record(m, s.gateway(), s, result);
            if (result.outcome() == SmsGateway.Outcome.ACCEPTED) {
                accepted++;
            }
        }
        return accepted;
    }

    private io.github.bucket4j.Bucket rate(int perSecond) {
        if (rate == null || ratePerSecond != perSecond) {
            rate = io.github.bucket4j.Bucket.builder().addLimit(io.github.bucket4j.Bandwidth.builder().capacity(perSecond)
                    .refillGreedy(perSecond, Duration.ofSeconds(1)).build()).build();
            ratePerSecond = perSecond;
        }
        return rate;
    }

    /** Marks the message as being sent through {@code gateway}; false if it is no longer queued. */
    private boolean claim(SmsMessages.Message m, String gateway, Instant now) {
        return database.inTransaction(tx -> Sql.update(tx, "UPDATE sms_message SET status = 'SENDING', gateway = ?, next_attempt_at = ?"
                + " WHERE id = ? AND status = 'QUEUED'", gateway, now.plus(IN_DOUBT_AFTER), m.id())) == 1;
    }

    private void record(SmsMessages.Message m, String gateway, SmsMessages.Settings s, SmsGateway.Result result) {
        int attempts = m.attempts() + 1;
        Instant now = Instant.now();
        database.inTransaction(tx -> {
            switch (result.outcome()) {
                case ACCEPTED -> sent(tx, m, gateway, result.gatewayMessageId(), result.partIds(), attempts, now);
                case RETRY -> {
                    if (attempts >= s.maxAttempts()) {
                        park(tx, m, gateway, attempts, "gave up after " + attempts + " attempts: " + result.detail());
                    } else {
                        long backoff = Math.min(s.maxBackoffSeconds(), 5L << Math.min(20, attempts - 1));
                        Sql.update(tx, "UPDATE sms_message SET status = 'QUEUED', attempts = ?, next_attempt_at = ?, reason = ? WHERE id = ?"
                                + " AND status = 'SENDING'",
                                attempts, now.plus(Duration.ofSeconds(backoff)), SmsMessages.cut("attempt " + attempts + ": " + result.detail()),
                                m.id());
                    }
                }
                case REJECTED -> park(tx, m, gateway, attempts, result.detail());
                default -> throw new IllegalStateException(result.outcome().name());
            }
            return null;
        });
    }

    /** Asks the gateways about the messages whose send was cut off, and settles each by the answer. */
    private void settleInDoubt(Instant now) {
        List<SmsMessages.Message> inDoubt = database.inTransaction(tx -> Sql.list(tx, "SELECT " + SmsMessages.COLUMNS + " FROM sms_message"
                + " WHERE status = 'SENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT 20", SmsMessages::message, now));
        for (SmsMessages.Message m : inDoubt) {
            SmsGateway gateway = gateways.get(m.gateway());
            SmsGateway.Recall recall;
            if (gateway == null) {
                recall = SmsGateway.Recall.askLater("gateway '" + m.gateway() + "' is not installed to be asked");
            } else {
                try {
                    recall = gateway.recall(m.id());
                } catch (RuntimeException e) {
                    recall = SmsGateway.Recall.askLater(e.toString());
                }
            }
            SmsGateway.Recall answer = recall;
            LOG.info("SMS {} was cut off while {} had it; the gateway says {}", m.id(), m.gateway(), answer.knowledge());
            database.inTransaction(tx -> {
                switch (answer.knowledge()) {
                    case SENT -> sent(tx, m, m.gateway(), answer.gatewayMessageId(), List.of(), m.attempts() + 1, now);
                    case NOT_SENT -> Sql.update(tx, "UPDATE sms_message SET status = 'QUEUED', next_attempt_at = ?, reason = ?"
                            + " WHERE id = ? AND status = 'SENDING'", now, "its send was cut off before " + m.gateway() + " had it: sent again", m.id());
                    case ASK_LATER -> Sql.update(tx, "UPDATE sms_message SET next_attempt_at = ?, reason = ? WHERE id = ? AND status = 'SENDING'",
                            now.plus(ASK_AGAIN_AFTER), SmsMessages.cut("in doubt, asking again: " + answer.detail()), m.id());
                    case CANNOT_TELL -> park(tx, m, m.gateway(), m.attempts() + 1, "in doubt, not sent again: its send through " + m.gateway()
                            + " was cut off and " + answer.detail() + "; retry it if it did not arrive");
                    default -> throw new IllegalStateException(answer.knowledge().name());
                }
                return null;
            });
        }
    }

    /**
     * Outcomes settle only a message that is still {@code SENDING}: one settled meanwhile (the in-doubt check
     * of a send that took longer than it waits, an operator) is not settled twice, nor announced twice.
     */
    private void sent(java.sql.Connection tx, SmsMessages.Message m, String gateway, String gatewayMessageId, List<String> partIds,
                      int attempts, Instant now) throws java.sql.SQLException {
        if (Sql.update(tx, "UPDATE sms_message SET status = 'SENT', gateway = ?, gateway_message_id = ?, attempts = ?, sent_at = ?,"
                + " reason = NULL WHERE id = ? AND status = 'SENDING'", gateway, gatewayMessageId, attempts, now, m.id()) == 0) {
            return;
        }
        for (int i = 0; i < partIds.size(); i++) {
            Sql.update(tx, "INSERT INTO sms_message_part (gateway, gateway_message_id, message_id, part_no) VALUES (?, ?, ?, ?)", gateway,
                    partIds.get(i), m.id(), i + 1);
        }
        messages.event(tx, "sms.sent", m.id(), outcome(m, "gateway", gateway));
    }

    private void park(java.sql.Connection tx, SmsMessages.Message m, String gateway, int attempts, String reason)
            throws java.sql.SQLException {
        if (Sql.update(tx, "UPDATE sms_message SET status = 'PARKED', gateway = ?, attempts = ?, reason = ? WHERE id = ? AND status = 'SENDING'",
                gateway, attempts, SmsMessages.cut(reason), m.id()) == 0) {
            return;
        }
        messages.event(tx, "sms.failed", m.id(), outcome(m, "reason", SmsMessages.cut(reason)));
    }

    /** An outcome event's data: the message, its member (so that routes put it on the member's timeline) and one detail. */
    private static Map<String, Object> outcome(SmsMessages.Message m, String detail, Object value) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("id", m.id());
        data.put("phone", m.phone());
        data.put("type", m.type());
        if (m.memberId() != null) {
            data.put("memberId", m.memberId());
        }
        data.put(detail, value);
        return data;
    }

    /** A parked message goes back to the queue (after its cause was fixed). */
    public boolean retry(String id) {
        return database.inTransaction(tx -> Sql.update(tx, "UPDATE sms_message SET status = 'QUEUED', attempts = 0, next_attempt_at = ?"
                + " WHERE id = ? AND status = 'PARKED'", Instant.now(), id)) == 1;
    }
}
