package org.vafa.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.core.Standalone;
import org.vafa.core.db.TestDatabases;
import org.vafa.core.db.VafaDatabase;
import org.vafa.core.locale.VafaLocale;
import org.vafa.crm.customers.Customers;

/** Routes meeting a new member at the same moment make one customer, on both databases. */
class CustomersTest {
    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void concurrentFirstSightsMakeOneCustomer(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            VafaDatabase.migrate(db, "core", getClass().getClassLoader());
            VafaDatabase.migrate(db, "crm", getClass().getClassLoader());
            Database database = Standalone.database(db, "test");
            Customers customers = new Customers(database, VafaLocale.defaults(), () -> "crm");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (int round = 0; round < 20; round++) {
                    String member = "member-" + round;
                    CyclicBarrier together = new CyclicBarrier(4);
                    List<Future<String>> ids = new ArrayList<>();
                    for (int t = 0; t < 4; t++) {
                        ids.add(pool.submit(() -> {
                            together.await();
                            return database.inTransaction(tx -> customers.ofMember(tx, member).id());
                        }));
                    }
                    String first = ids.get(0).get();
                    for (Future<String> id : ids) {
                        assertThat(id.get()).isEqualTo(first);
                    }
                }
                long count = database.inTransaction(tx -> Sql.number(tx, "SELECT COUNT(*) FROM crm_customer"));
                assertThat(count).isEqualTo(20);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
