package org.vafa.core.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.core.db.TestDatabases;

class IdempotentRequestsTest {

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aKeyIsClaimedOnceAnsweredOnceAndForgottenAfterADay(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            IdempotentRequests requests = new IdempotentRequests(db);
            assertThat(requests.begin("till-1", "sale-9", "hash-a")).isTrue();
            assertThat(requests.begin("till-1", "sale-9", "hash-a")).as("a concurrent retry").isFalse();
            assertThat(requests.find("till-1", "sale-9")).get().extracting(IdempotentRequests.Stored::status).isNull();
            assertThat(requests.begin("till-2", "sale-9", "hash-a")).as("keys are per API key").isTrue();

            requests.complete("till-1", "sale-9", 201, "application/json", "{\"id\":1}");
            IdempotentRequests.Stored stored = requests.find("till-1", "sale-9").orElseThrow();
            assertThat(stored.status()).isEqualTo(201);
            assertThat(stored.body()).isEqualTo("{\"id\":1}");

            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "UPDATE vafa_idempotent_request SET created_at = ? WHERE api_key = 'till-2'")) {
                ps.setTimestamp(1, Timestamp.from(Instant.now().minus(IdempotentRequests.KEEP).minusSeconds(60)));
                ps.executeUpdate();
            }
            assertThat(requests.purge()).isEqualTo(1);
            assertThat(requests.find("till-2", "sale-9")).isEmpty();
            assertThat(requests.find("till-1", "sale-9")).isPresent();
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aClaimLeftByADeadServerOrA5xxIsTakenOverByTheRetryOnlyForTheSameRequest(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            IdempotentRequests requests = new IdempotentRequests(db);
            assertThat(requests.begin("till-1", "sale-1", "hash-a")).isTrue();
            assertThat(requests.begin("till-1", "sale-1", "hash-a")).as("within the lease").isFalse();
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "UPDATE vafa_idempotent_request SET created_at = ? WHERE idem_key = 'sale-1'")) {
                ps.setTimestamp(1, Timestamp.from(Instant.now().minus(IdempotentRequests.LEASE).minusSeconds(1)));
                ps.executeUpdate(); // the server that ran it was killed a minute ago
            }
            assertThat(requests.begin("till-1", "sale-1", "hash-b")).as("another request under the key").isFalse();
            assertThat(requests.begin("till-1", "sale-1", "hash-a")).as("the retry takes the key over").isTrue();
            assertThat(requests.begin("till-1", "sale-1", "hash-a")).as("and holds it").isFalse();

            assertThat(requests.begin("till-1", "sale-2", "hash-c")).isTrue();
            requests.release("till-1", "sale-2"); // answered 5xx
            assertThat(requests.begin("till-1", "sale-2", "hash-c")).as("a retry after a 5xx runs at once").isTrue();
            requests.complete("till-1", "sale-2", 201, "application/json", "{}");
            requests.release("till-1", "sale-2");
            assertThat(requests.begin("till-1", "sale-2", "hash-c")).as("an answered request is never run again").isFalse();
        }
    }
}
