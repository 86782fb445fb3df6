package org.vafa.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.cluster.ClusterSingletons;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.core.Standalone;
import org.vafa.core.db.TestDatabases;

/** Two nodes on one database: one leads a singleton; a clean stop or a lapsed lease hands it over. */
class DatabaseLeasesTest {
    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void oneNodeLeadsAndTheOtherTakesOver(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            Database database = Standalone.database(db, "test");
            DatabaseLeases a = new DatabaseLeases(database, "node-a", 3);
            DatabaseLeases b = new DatabaseLeases(database, "node-b", 3);
            try {
                assertThat(a.leads("job")).isTrue();
                assertThat(b.leads("job")).as("held by a").isFalse();
                assertThat(a.leads("job")).as("still a's").isTrue();
                assertThat(b.leads("other")).as("each singleton has its own lease").isTrue();
                assertThat(a.holders()).extracting(ClusterSingletons.Holder::singleton, ClusterSingletons.Holder::node)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("job", "node-a"), org.assertj.core.groups.Tuple.tuple("other", "node-b"));

                // a dies without a word: once its lease has lapsed, b takes the job
                database.inTransaction(tx -> Sql.update(tx, "UPDATE vafa_lease SET expires_at = ? WHERE holder = 'node-a'",
                        Instant.now().minusSeconds(1)));
                assertThat(b.leads("job")).as("lapsed: taken over").isTrue();
                // a was only stuck: at its next renewal (a third of the lease) it learns the job is no longer its own
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (a.leads("job") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(a.leads("job")).as("a, back, finds it taken").isFalse();
                assertThat(b.leads("job")).isTrue();

                // b stops cleanly: its leases are free at once
                b.stop();
                assertThat(a.leads("job")).isTrue();
                assertThat(a.leads("other")).isTrue();
            } finally {
                a.stop();
                b.stop();
            }
        }
    }
}
