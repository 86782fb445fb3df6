package org.vafa.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.events.CloudEvent;
import org.vafa.core.db.TestDatabases;
import org.vafa.core.db.VafaDatabase;

/** The event log's SQL on both databases. */
class EventStoreTest {

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void anEventRolledBackWithItsTransactionNeverAppears(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            EventStore store = new EventStore(db);
            assertThatThrownBy(() -> VafaDatabase.inTransaction(db, tx -> {
                store.append(tx, "club", "club.member.registered", "m1", Map.of("name", "Sara"));
                throw new IllegalStateException("the member insert failed");
            })).isInstanceOf(IllegalStateException.class);
            store.sequenceBatch(100);
            assertThat(store.read(TypeFilter.parse("*"), 0, store.lastSequence(), 10)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void positionsFollowCommitOrderSoALateCommitIsNeverSkipped(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            EventStore store = new EventStore(db);
            try (Connection slow = db.getConnection()) {
                slow.setAutoCommit(false);
                CloudEvent early = store.append(slow, "pos", "pos.sale.completed", "r1", Map.of("n", 1)); // inserted first
                CloudEvent late = VafaDatabase.inTransaction(db, tx -> store.append(tx, "pos", "pos.sale.completed", "r2", Map.of("n", 2)));
                store.sequenceBatch(100);
                // a subscription reads what is sequenced and moves on past it
                List<CloudEvent> firstRead = store.read(TypeFilter.parse("pos.*"), 0, store.lastSequence(), 10);
                assertThat(firstRead).extracting(CloudEvent::id).containsExactly(late.id());
                long position = firstRead.get(0).sequence();
                slow.commit(); // the transaction that started first commits last
                store.sequenceBatch(100);
                List<CloudEvent> secondRead = store.read(TypeFilter.parse("pos.*"), position, store.lastSequence(), 10);
                assertThat(secondRead).extracting(CloudEvent::id).containsExactly(early.id());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void subscriptionsStartNowOrAtTheBeginningAndKeepTheirPosition(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            EventStore store = new EventStore(db);
            for (int i = 0; i < 3; i++) {
                int n = i;
                VafaDatabase.inTransaction(db, tx -> store.append(tx, "club", "club.member.registered", "m" + n, Map.of()));
            }
            store.sequenceBatch(100);
            assertThat(store.openSubscription("welcome-sms", "club.member.*", false)).isEqualTo(3);
            assertThat(store.openSubscription("backfill", "club.member.*", true)).isZero();
            store.advance("backfill", 2);
            store.advance("backfill", 1); // never backwards
            assertThat(store.openSubscription("backfill", "club.*", true)).isEqualTo(2);
            assertThat(store.subscriptions()).extracting(EventStore.Subscription::types).containsExactly("club.*", "club.member.*");
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void typeFiltersSelectInSql(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            EventStore store = new EventStore(db);
            for (String type : List.of("club.member.registered", "club.member_x", "pos.sale.completed", "club.points.earned")) {
                VafaDatabase.inTransaction(db, tx -> store.append(tx, "t", type, null, null));
            }
            store.sequenceBatch(100);
            long end = store.lastSequence();
            assertThat(store.read(TypeFilter.parse("club.member.*"), 0, end, 10)).extracting(CloudEvent::type)
                    .containsExactly("club.member.registered");
            assertThat(store.read(TypeFilter.parse("pos.sale.completed,club.points.*"), 0, end, 10)).extracting(CloudEvent::type)
                    .containsExactly("pos.sale.completed", "club.points.earned");
            assertThat(store.read(TypeFilter.parse("*"), 0, end, 10)).hasSize(4);
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void parkingMovesTheSubscriptionOnAndARetryCanBeRequested(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            EventStore store = new EventStore(db);
            VafaDatabase.inTransaction(db, tx -> store.append(tx, "t", "t.x", "s", Map.of("k", "v")));
            store.sequenceBatch(100);
            store.openSubscription("sms", "t.*", true);
            store.park("sms", 1, 5, "gateway down");
            assertThat(store.openSubscription("sms", "t.*", true)).isEqualTo(1);
            EventStore.ParkedDelivery parked = store.parked("sms", false).get(0);
            assertThat(parked.lastError()).isEqualTo("gateway down");
            assertThat(store.parked(null, true)).isEmpty();
            assertThat(store.requestRetry(parked.id())).isTrue();
            assertThat(store.parked("sms", true)).hasSize(1);
            store.retryFailed(parked.id(), 1, "still down");
            assertThat(store.parked("sms", false).get(0).attempts()).isEqualTo(6);
            store.retrySucceeded(parked.id());
            assertThat(store.parked(null, false)).isEmpty();
            assertThat(store.bySequence(1).orElseThrow().dataJson()).isEqualTo("{\"k\":\"v\"}");
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void anEffectMarkedProcessedInItsTransactionHappensOnce(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            boolean first = VafaDatabase.inTransaction(db, tx -> EventStore.markProcessed(tx, "points", "e1"));
            boolean again = VafaDatabase.inTransaction(db, tx -> EventStore.markProcessed(tx, "points", "e1"));
            boolean otherConsumer = VafaDatabase.inTransaction(db, tx -> EventStore.markProcessed(tx, "sms", "e1"));
            assertThat(first).isTrue();
            assertThat(again).isFalse();
            assertThat(otherConsumer).isTrue();
        }
    }
}
