package org.vafa.club.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.rest.Problem;
import org.vafa.club.ClubTestWiring;
import org.vafa.club.members.MemberJson;
import org.vafa.core.db.TestDatabases;

class ClubRulesTest {

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aNewProgrammeIsInForceAtOnceAndABrokenOneChangesNothing(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubRules rules = ClubTestWiring.of(db).rules();
            assertThat(rules.current()).isEmpty();
            assertThatThrownBy(rules::required).isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(409));

            rules.replace(MemberJson.MAPPER.readTree("{\"name\": \"v1\", \"currency\": \"IRR\", \"earn\": {\"points\": 1, \"per\": 100000}}"), "ops");
            ClubTestWiring.refusedOn("earn.per", () -> rules.replace(MemberJson.MAPPER.readTree(
                    "{\"name\": \"v2\", \"currency\": \"IRR\", \"earn\": {\"points\": 1, \"per\": -5}}"), "ops"));
            ClubRules.Version inForce = rules.current().orElseThrow();
            assertThat(inForce.rules().name()).isEqualTo("v1");
            assertThat(inForce.changedBy()).isEqualTo("ops");
            java.time.Instant betweenVersions = java.time.Instant.now();
            Thread.sleep(5);
            rules.replace(MemberJson.MAPPER.readTree("{\"name\": \"v3\", \"currency\": \"IRR\", \"earn\": {\"points\": 2, \"per\": 100000}}"), "ops");
            assertThat(rules.at(betweenVersions).orElseThrow().rules().name()).as("what was in force then").isEqualTo("v1");
            assertThat(rules.at(inForce.changedAt().minusSeconds(1))).isEmpty();
            inForce = rules.current().orElseThrow();
            // a fresh instance (another node, a restart) reads the same version from the database
            assertThat(ClubTestWiring.of(db).rules().current().orElseThrow().version()).isEqualTo(inForce.version());
        }
    }
}
