package org.vafa.core.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vafa.core.db.TestDatabases;

class ApiKeysTest {

    @Test
    void onlyAHashIsStoredAndScopesDecideTheAreas() throws Exception {
        try (HikariDataSource db = TestDatabases.fresh("h2")) {
            ApiKeys keys = new ApiKeys(db);
            String secret = keys.create("branch-1-till-2", Set.of("pos"));
            try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT key_hash FROM vafa_api_key")) {
                rs.next();
                assertThat(rs.getString(1)).isNotEqualTo(secret).hasSize(64);
            }
            ApiKeys.ApiKey key = keys.authenticate(secret).orElseThrow();
            assertThat(key.allows("pos")).isTrue();
            assertThat(key.allows("club")).isFalse();
            assertThat(keys.authenticate(secret + "x")).isEmpty();
            assertThatThrownBy(() -> keys.create("branch-1-till-2", Set.of("pos"))).hasMessageContaining("exists");
            assertThat(keys.revoke("branch-1-till-2")).isTrue();
            assertThat(keys.authenticate(secret)).isEmpty();
        }
    }

    @Test
    void adminReachesEveryAreaAndTheAreaIsTheFirstPathSegment() {
        assertThat(new ApiKeys.ApiKey("ops", Set.of("admin"), null, null).allows("shop")).isTrue();
        assertThat(RestGuard.areaOf("/api/pos/sales/42")).isEqualTo("pos");
        assertThat(RestGuard.areaOf("/api/club")).isEqualTo("club");
        assertThat(RestGuard.isPublic("/api/health")).isTrue();
        assertThat(RestGuard.isPublic("/api/health/x")).isFalse();
    }
}
