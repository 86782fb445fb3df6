package org.vafa.core.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.vafa.api.events.CloudEvent;
import org.vafa.core.db.DatabaseException;
import org.vafa.core.db.VafaDatabase;

/**
 * The SQL of the event log: appending, sequencing, reading after a position, subscription positions
 * and parked deliveries. Plain JDBC on portable SQL (H2 in PostgreSQL mode, PostgreSQL).
 */
public class EventStore {
    private final DataSource dataSource;

    public EventStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    // --- appending ---------------------------------------------------------------------------

    public CloudEvent append(Connection tx, String source, String type, String subject, Object data) {
        requireText(source, "source");
        requireText(type, "type");
        CloudEvent event = new CloudEvent(UUID.randomUUID().toString(), source, type, subject, Instant.now(),
                Json.dataToJson(data), 0);
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO vafa_event (id, event_source, event_type, subject,"
                + " event_time, data_json) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, event.id());
            ps.setString(2, event.source());
            ps.setString(3, event.type());
            ps.setString(4, event.subject());
            ps.setTimestamp(5, Timestamp.from(event.time()));
            ps.setString(6, event.dataJson());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
        return event;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException("Event " + name + " must be 1 to 200 characters");
        }
    }

    // --- sequencing --------------------------------------------------------------------------

    /**
     * Gives the next committed, not yet sequenced events their positions, in one transaction that
     * holds the sequencer row lock (so two nodes never hand out the same position).
     *
     * @return how many events were sequenced
     */
    public int sequenceBatch(int limit) {
        return VafaDatabase.inTransaction(dataSource, tx -> {
            long last;
            try (PreparedStatement ps = tx.prepareStatement("SELECT last_seq FROM vafa_event_sequencer WHERE id = 1 FOR UPDATE");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                last = rs.getLong(1);
            }
            List<Long> recorded = new ArrayList<>();
            try (PreparedStatement ps = tx.prepareStatement(
                    "SELECT recorded FROM vafa_event WHERE seq IS NULL ORDER BY recorded LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        recorded.add(rs.getLong(1));
                    }
                }
            }
            if (recorded.isEmpty()) {
                return 0;
            }
            try (PreparedStatement ps = tx.prepareStatement("UPDATE vafa_event SET seq = ? WHERE recorded = ?")) {
                for (long r : recorded) {
                    ps.setLong(1, ++last);
                    ps.setLong(2, r);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = tx.prepareStatement("UPDATE vafa_event_sequencer SET last_seq = ? WHERE id = 1")) {
                ps.setLong(1, last);
                ps.executeUpdate();
            }
            return recorded.size();
        });
    }

    /** The highest position handed out; every event up to it is readable. */
    public long lastSequence() {
        return queryLong("SELECT last_seq FROM vafa_event_sequencer WHERE id = 1");
    }

    public long unsequencedCount() {
        return queryLong("SELECT COUNT(*) FROM vafa_event WHERE seq IS NULL");
    }

    // --- reading -------------------------------------------------------------------------------

    /** Events after {@code afterSeq} up to {@code upToSeq} whose type matches, oldest first. */
    public List<CloudEvent> read(TypeFilter types, long afterSeq, long upToSeq, int limit) {
        String sql = "SELECT seq, id, event_source, event_type, subject, event_time, data_json FROM vafa_event"
                + " WHERE seq > ? AND seq <= ? AND (" + types.sql("event_type") + ") ORDER BY seq LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, afterSeq);
            ps.setLong(i++, upToSeq);
            for (String p : types.sqlParameters()) {
                ps.setString(i++, p);
            }
            ps.setInt(i, limit);
            return events(ps);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    public Optional<CloudEvent> bySequence(long seq) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT seq, id, event_source, event_type, subject, event_time, data_json FROM vafa_event WHERE seq = ?")) {
            ps.setLong(1, seq);
            return events(ps).stream().findFirst();
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private static List<CloudEvent> events(PreparedStatement ps) throws SQLException {
        List<CloudEvent> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(new CloudEvent(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getLong(1)));
            }
        }
        return result;
    }

    // --- subscriptions ---------------------------------------------------------------------------

    public record Subscription(String name, String types, long lastSeq, Instant updatedAt) {
    }

    /**
     * Creates the subscription if it is new (starting at the beginning of the log or at its current
     * end) or updates its type filter; returns its position.
     */
    public long openSubscription(String name, String types, boolean fromBeginning) {
        return VafaDatabase.inTransaction(dataSource, tx -> {
            try (PreparedStatement ps = tx.prepareStatement("SELECT last_seq, types FROM vafa_subscription WHERE name = ? FOR UPDATE")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        long position = rs.getLong(1);
                        if (!types.equals(rs.getString(2))) {
                            try (PreparedStatement up = tx.prepareStatement("UPDATE vafa_subscription SET types = ?, updated_at = ? WHERE name = ?")) {
                                up.setString(1, types);
                                up.setTimestamp(2, Timestamp.from(Instant.now()));
                                up.setString(3, name);
                                up.executeUpdate();
                            }
                        }
                        return position;
                    }
                }
            }
            long start = fromBeginning ? 0 : lastSequence(tx);
            try (PreparedStatement ps = tx.prepareStatement("INSERT INTO vafa_subscription (name, types, last_seq, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
                Timestamp now = Timestamp.from(Instant.now());
                ps.setString(1, name);
                ps.setString(2, types);
                ps.setLong(3, start);
                ps.setTimestamp(4, now);
                ps.setTimestamp(5, now);
                ps.executeUpdate();
            }
            return start;
        });
    }

    private static long lastSequence(Connection tx) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("SELECT last_seq FROM vafa_event_sequencer WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Moves the subscription forward (never back) once an event is handled. */
    public void advance(String subscription, long toSeq) {
        VafaDatabase.inTransaction(dataSource, tx -> advance(tx, subscription, toSeq));
    }

    private static int advance(Connection tx, String subscription, long toSeq) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "UPDATE vafa_subscription SET last_seq = ?, updated_at = ? WHERE name = ? AND last_seq < ?")) {
            ps.setLong(1, toSeq);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setString(3, subscription);
            ps.setLong(4, toSeq);
            return ps.executeUpdate();
        }
    }

    public List<Subscription> subscriptions() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT name, types, last_seq, updated_at FROM vafa_subscription ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            List<Subscription> result = new ArrayList<>();
            while (rs.next()) {
                result.add(new Subscription(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getTimestamp(4).toInstant()));
            }
            return result;
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    // --- parked deliveries ---------------------------------------------------------------------

    /** {@code subject} is the parked event's subject (null if it has none). */
    public record ParkedDelivery(long id, String subscription, long eventSeq, String subject, int attempts, String lastError,
                                 Instant parkedAt, boolean retryRequested, String eventId) {
    }

    /** Parks a delivery that failed every attempt and moves the subscription past it, atomically. */
    public void park(String subscription, long eventSeq, int attempts, String error) {
        VafaDatabase.inTransaction(dataSource, tx -> {
            try (PreparedStatement ps = tx.prepareStatement("INSERT INTO vafa_parked_delivery (subscription, event_seq,"
                    + " attempts, last_error, parked_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, subscription);
                ps.setLong(2, eventSeq);
                ps.setInt(3, attempts);
                ps.setString(4, truncate(error));
                ps.setTimestamp(5, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            return advance(tx, subscription, eventSeq);
        });
    }

    /**
     * Parks a delivery without touching the subscription's position (the Kafka transport keeps positions as the
     * consumer group's offsets); an event delivered again after a crash is parked once.
     */
    public void parkAside(String subscription, long eventSeq, int attempts, String error) {
        update("INSERT INTO vafa_parked_delivery (subscription, event_seq, attempts, last_error, parked_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", ps -> {
            ps.setString(1, subscription);
            ps.setLong(2, eventSeq);
            ps.setInt(3, attempts);
            ps.setString(4, truncate(error));
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
        });
    }

    // --- relay to Kafka ------------------------------------------------------------------------

    /** The last position relayed to Kafka; at the first relay, the lowest position of any subscription (handled before). */
    public long relayPosition() {
        long relayed = queryLong("SELECT last_seq FROM vafa_event_relay WHERE id = 1");
        if (relayed == 0) {
            relayed = queryLong("SELECT COALESCE(MIN(last_seq), 0) FROM vafa_subscription");
        }
        return relayed;
    }

    /** Moves the relay's position on, unless another relay moved it meanwhile. */
    public boolean relayed(long from, long to) {
        return update("UPDATE vafa_event_relay SET last_seq = ? WHERE id = 1 AND (last_seq = ? OR last_seq = 0)", ps -> {
            ps.setLong(1, to);
            ps.setLong(2, from);
        }) == 1;
    }

    public List<ParkedDelivery> parked(String subscriptionOrNull, boolean onlyRetryRequested) {
        String sql = "SELECT p.id, p.subscription, p.event_seq, e.subject, p.attempts, p.last_error, p.parked_at,"
                + " p.retry_requested, e.id FROM vafa_parked_delivery p LEFT JOIN vafa_event e ON e.seq = p.event_seq"
                + " WHERE " + (subscriptionOrNull == null ? "1 = 1" : "p.subscription = ?")
                + (onlyRetryRequested ? " AND p.retry_requested = TRUE" : "") + " ORDER BY p.event_seq";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (subscriptionOrNull != null) {
                ps.setString(1, subscriptionOrNull);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<ParkedDelivery> result = new ArrayList<>();
                while (rs.next()) {
                    result.add(new ParkedDelivery(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
                            rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getBoolean(8), rs.getString(9)));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** Asks the subscription's consumer to deliver a parked event again; false if there is no such parked delivery. */
    public boolean requestRetry(long parkedId) {
        return update("UPDATE vafa_parked_delivery SET retry_requested = TRUE WHERE id = ?", ps -> ps.setLong(1, parkedId)) == 1;
    }

    public void retrySucceeded(long parkedId) {
        update("DELETE FROM vafa_parked_delivery WHERE id = ?", ps -> ps.setLong(1, parkedId));
    }

    public void retryFailed(long parkedId, int attempts, String error) {
        update("UPDATE vafa_parked_delivery SET retry_requested = FALSE, attempts = attempts + ?, last_error = ?,"
                + " parked_at = ? WHERE id = ?", ps -> {
            ps.setInt(1, attempts);
            ps.setString(2, truncate(error));
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            ps.setLong(4, parkedId);
        });
    }

    // --- processed events (idempotent side effects) -----------------------------------------

    /**
     * Marks an event as processed by a consumer inside the caller's transaction.
     *
     * @return false if that consumer had processed it already (then the caller skips the effect)
     */
    public static boolean markProcessed(Connection tx, String consumer, String eventId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("SELECT 1 FROM vafa_processed_event WHERE consumer = ? AND event_id = ?")) {
            ps.setString(1, consumer);
            ps.setString(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps = tx.prepareStatement(
                "INSERT INTO vafa_processed_event (consumer, event_id, processed_at) VALUES (?, ?, ?)")) {
            ps.setString(1, consumer);
            ps.setString(2, eventId);
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            return true;
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private long queryLong(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 4000);
    }
}
