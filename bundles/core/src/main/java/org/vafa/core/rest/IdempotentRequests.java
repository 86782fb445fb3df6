package org.vafa.core.rest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.core.db.DatabaseException;

/**
 * Answers to POST requests made with an {@code Idempotency-Key}, per API key: a retry with the same key
 * and the same request gets the first answer again, whatever happened to the connection in between.
 */
@Component(service = IdempotentRequests.class)
public class IdempotentRequests {
    /** How long an answer is remembered. */
    static final Duration KEEP = Duration.ofHours(24);
    /**
     * How long a request holds its key while it runs: a retry meanwhile gets 409; after that (the server
     * that ran it died, or it failed with a 5xx) the retry takes the key over and runs the request again,
     * which finds whatever the first run committed through the request's own keys (a sale's receipt, the
     * {@code VafaRequestKey} header).
     */
    static final Duration LEASE = Duration.ofSeconds(60);

    @Reference
    private Database database;
    private DataSource dataSource;

    /** {@code status == null} while the first request is still being processed. */
    public record Stored(String requestHash, Integer status, String contentType, String body, Instant claimedAt) {
    }

    public IdempotentRequests() {
    }

    public IdempotentRequests(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private ScheduledExecutorService purger;

    @Activate
    void activate() {
        dataSource = database.dataSource();
        purger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vafa-idempotency-purge");
            t.setDaemon(true);
            return t;
        });
        purger.scheduleWithFixedDelay(this::purgeQuietly, 1, 60, TimeUnit.MINUTES);
    }

    @Deactivate
    void deactivate() {
        purger.shutdownNow();
    }

    /** Forgets answers older than {@link #KEEP}; returns how many. */
    public int purge() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM vafa_idempotent_request WHERE created_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now().minus(KEEP)));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private void purgeQuietly() {
        try {
            purge();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(IdempotentRequests.class).warn("Purging old idempotency answers failed: {}", e.getMessage());
        }
    }

    public Optional<Stored> find(String apiKey, String idemKey) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT request_hash, status, content_type, body, created_at FROM vafa_idempotent_request"
                        + " WHERE api_key = ? AND idem_key = ?")) {
            ps.setString(1, apiKey);
            ps.setString(2, idemKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (rs.getTimestamp(5).toInstant().isBefore(Instant.now().minus(KEEP))) {
                    forget(apiKey, idemKey);
                    return Optional.empty();
                }
                int status = rs.getInt(2);
                Integer answered = rs.wasNull() ? null : status; // null: the first request is still being processed
                return Optional.of(new Stored(rs.getString(1), answered, rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant()));
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /**
     * Claims the key for a request now being processed: a new key, or one whose earlier run holds it no
     * longer (its {@link #LEASE} ran out, or it was released after a 5xx) for the same request. False if
     * another run holds it or it has an answer.
     */
    public boolean begin(String apiKey, String idemKey, String requestHash) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO vafa_idempotent_request (api_key, idem_key, request_hash, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, apiKey);
            ps.setString(2, idemKey);
            ps.setString(3, requestHash);
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (find(apiKey, idemKey).isPresent()) {
                return takeOver(apiKey, idemKey, requestHash);
            }
            throw new DatabaseException(e);
        }
    }

    private boolean takeOver(String apiKey, String idemKey, String requestHash) {
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE vafa_idempotent_request SET created_at = ? WHERE api_key = ? AND idem_key = ? AND status IS NULL"
                        + " AND request_hash = ? AND created_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, apiKey);
            ps.setString(3, idemKey);
            ps.setString(4, requestHash);
            ps.setTimestamp(5, Timestamp.from(now.minus(LEASE)));
            return ps.executeUpdate() == 1; // one of two racing retries wins the row
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /**
     * After a server failure (5xx): the key stays with this request (another body under it is still
     * refused) but is free for the retry at once. Whether the failed run committed anything is not known
     * here; the retry finds it through the request's own keys.
     */
    public void release(String apiKey, String idemKey) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE vafa_idempotent_request SET created_at = ? WHERE api_key = ? AND idem_key = ? AND status IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now().minus(LEASE).minusSeconds(1)));
            ps.setString(2, apiKey);
            ps.setString(3, idemKey);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    public void complete(String apiKey, String idemKey, int status, String contentType, String body) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE vafa_idempotent_request SET status = ?, content_type = ?, body = ? WHERE api_key = ? AND idem_key = ?")) {
            ps.setInt(1, status);
            ps.setString(2, contentType);
            ps.setString(3, body);
            ps.setString(4, apiKey);
            ps.setString(5, idemKey);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** Lets a request that failed on the server be retried with the same key. */
    public void forget(String apiKey, String idemKey) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM vafa_idempotent_request WHERE api_key = ? AND idem_key = ?")) {
            ps.setString(1, apiKey);
            ps.setString(2, idemKey);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }
}
