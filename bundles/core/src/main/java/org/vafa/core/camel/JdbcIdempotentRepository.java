package org.vafa.core.camel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.vafa.core.db.DatabaseException;
import org.vafa.core.db.VafaDatabase;
import org.vafa.core.events.EventStore;

/**
 * Bound as {@code vafaIdempotent}: a durable idempotent repository for route files, so that a side
 * effect of a redelivered event (an SMS, an HTTP call) is not repeated:
 * <pre>
 * - idempotentConsumer:
 *     expression: {simple: "${header.VafaSubscription}/${header.ce-id}"}
 *     idempotentRepository: "#vafaIdempotent"
 * </pre>
 */
final class JdbcIdempotentRepository extends ServiceSupport implements IdempotentRepository {
    private static final String CONSUMER = "route";
    private final DataSource dataSource;

    JdbcIdempotentRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean add(String key) {
        try {
            return VafaDatabase.inTransaction(dataSource, tx -> EventStore.markProcessed(tx, CONSUMER, key));
        } catch (DatabaseException e) {
            if (contains(key)) {
                return false; // a concurrent add of the same key won
            }
            throw e;
        }
    }

    @Override
    public boolean contains(String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM vafa_processed_event WHERE consumer = ? AND event_id = ?")) {
            ps.setString(1, CONSUMER);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    @Override
    public boolean remove(String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM vafa_processed_event WHERE consumer = ? AND event_id = ?")) {
            ps.setString(1, CONSUMER);
            ps.setString(2, key);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("The event idempotency store is not cleared from routes");
    }
}
