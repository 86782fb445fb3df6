package org.vafa.core.branding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestJson;
import org.vafa.core.Standalone;
import org.vafa.core.db.TestDatabases;
import org.vafa.core.db.VafaDatabase;

/** The branding is kept whole or not at all: each field checked, a refused one named, the kept one read back alike. */
class BrandingTest {
    private static final String PNG = "data:image/png;base64," + Base64.getEncoder().encodeToString(
            new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});

    private static JsonNode json(String text) throws Exception {
        return RestJson.MAPPER.readTree(text);
    }

    private static void refused(Branding branding, String body, String field) {
        assertThatThrownBy(() -> branding.replace(json(body), "admin")).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.field()).isEqualTo(field));
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void theBrandingIsCheckedKeptAndReadBack(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            VafaDatabase.migrate(db, "core", getClass().getClassLoader());
            Branding branding = new Branding(Standalone.database(db, vendor));
            assertThat(branding.current()).isEqualTo(Branding.DEFAULTS);

            branding.replace(json("{\"name\": \"فروشگاه نارون\", \"colour\": \"#7A1F5C\", \"logo\": \"" + PNG + "\", \"amounts\": \"toman\","
                    + " \"banners\": [{\"title\": \"حراج یلدا\", \"text\": \"تا ۳۰ آذر\"}]}"), "operator:admin");
            Branding.BrandingSettings kept = branding.current();
            assertThat(kept.name()).isEqualTo("فروشگاه نارون");
            assertThat(kept.colour()).isEqualTo("#7a1f5c");
            assertThat(kept.logo()).isEqualTo(PNG);
            assertThat(kept.amounts()).isEqualTo("toman");
            assertThat(kept.banners()).containsExactly(new Branding.Banner("حراج یلدا", "تا ۳۰ آذر"));
            assertThat(kept.updatedBy()).isEqualTo("operator:admin");

            refused(branding, "{\"name\": \"x\", \"colour\": \"#f2f2f2\"}", "colour"); // white text would not read on it
            refused(branding, "{\"name\": \"x\", \"colour\": \"red\"}", "colour");
            refused(branding, "{\"name\": \"x\", \"logo\": \"data:image/svg+xml;base64,PHN2Zz4=\"}", "logo");
            refused(branding, "{\"name\": \"x\", \"logo\": \"data:image/png;base64,R0lGODlh\"}", "logo"); // a GIF called PNG
            refused(branding, "{\"name\": \"x\", \"amounts\": \"dollar\"}", "amounts");
            refused(branding, "{\"name\": \"x\", \"banners\": [{\"text\": \"no title\"}]}", "banners[0].title");
            refused(branding, "{\"colour\": \"#000000\"}", "name");
            assertThat(branding.current()).as("nothing changed").isEqualTo(kept);
        }
    }
}
