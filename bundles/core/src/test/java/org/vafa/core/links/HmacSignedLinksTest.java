package org.vafa.core.links;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.vafa.api.db.Database;
import org.vafa.core.Standalone;
import org.vafa.core.db.TestDatabases;
import org.vafa.core.db.VafaDatabase;

/** Links texted to people: only the server makes them, for one purpose, until they expire; a restart keeps them valid. */
class HmacSignedLinksTest {
    private static final String TICKET = "0b7e1c52-5f0a-4b4e-9a55-3c1f2d6e8a90";

    @Test
    void aLinkIsGenuineForItsPurposeUntilItExpiresAndAnyChangeBreaksIt() throws Exception {
        try (HikariDataSource db = TestDatabases.fresh("h2")) {
            VafaDatabase.migrate(db, "core", getClass().getClassLoader());
            Database database = Standalone.database(db, "h2");
            HmacSignedLinks links = new HmacSignedLinks(database);
            Instant week = Instant.now().plusSeconds(7 * 86400);
            String token = links.sign("ticket-rating", TICKET, week);

            assertThat(token).hasSizeLessThan(80); // fits an SMS beside a sentence
            assertThat(links.sign("ticket-rating", TICKET, week)).isEqualTo(token); // a redelivered event texts the same link
            assertThat(links.verify("ticket-rating", token)).contains(TICKET);
            assertThat(new HmacSignedLinks(database).verify("ticket-rating", token)).contains(TICKET); // another node, or a restart

            assertThat(links.verify("survey", token)).isEmpty();
            String otherTicket = "1" + token.substring(1);
            assertThat(links.verify("ticket-rating", otherTicket)).isEmpty();
            String[] parts = token.split("\\.");
            String longer = parts[0] + "." + Long.toString(Long.parseLong(parts[1], 36) + 86400, 36) + "." + parts[2];
            assertThat(links.verify("ticket-rating", longer)).isEmpty();
            assertThat(links.verify("ticket-rating", links.sign("ticket-rating", TICKET, Instant.now().minusSeconds(1)))).isEmpty();
            assertThat(links.verify("ticket-rating", "../../etc/passwd")).isEmpty();
            assertThat(links.verify("ticket-rating", null)).isEmpty();

            try (HikariDataSource otherServer = TestDatabases.fresh("h2")) {
                VafaDatabase.migrate(otherServer, "core", getClass().getClassLoader());
                assertThat(new HmacSignedLinks(Standalone.database(otherServer, "h2")).verify("ticket-rating", token)).isEmpty();
            }
        }
    }
}
