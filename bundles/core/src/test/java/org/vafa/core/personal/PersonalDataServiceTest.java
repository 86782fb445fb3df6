package org.vafa.core.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.contacts.Contact;
import org.vafa.api.contacts.ContactSource;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.personal.Person;
import org.vafa.api.personal.PersonalData;
import org.vafa.api.rest.Problem;
import org.vafa.core.Standalone;
import org.vafa.core.contacts.ContactDirectory;
import org.vafa.core.db.TestDatabases;
import org.vafa.core.db.VafaDatabase;
import org.vafa.core.events.EventStore;
import org.vafa.core.locale.VafaLocale;

/** The erasure across plugins and the event log, on both databases; the plugins here record what they are asked. */
class PersonalDataServiceTest {
    private static final String SARA = "6b1c2f4e-0000-4000-8000-000000000001";
    private static final String REZA = "6b1c2f4e-0000-4000-8000-000000000002";

    /** A plugin that holds one note per member it was told about and erases it when asked. */
    private static final class NotesPlugin implements PersonalData {
        final List<Person> erased = new CopyOnWriteArrayList<>();

        @Override
        public Section export(Person person) {
            return new Section(Map.of("mobiles", person.mobiles()), "یک یادداشت", "one note");
        }

        @Override
        public Erased erase(Person person, String erasureId) {
            erased.add(person);
            return new Erased(1, "one note erased");
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void anErasureRedactsTheEventLogAndWaitsForAPluginThatIsNotInstalled(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            VafaDatabase.migrate(db, "core", getClass().getClassLoader());
            Database database = Standalone.database(db, "test");
            EventStore events = new EventStore(db);
            database.inTransaction(tx -> {
                events.append(tx, "club", "club.member.registered", SARA, Map.of("id", SARA, "firstName", "Sara", "lastName", "Ahmadi",
                        "mobile", "+989121234567", "birthDate", "1991-08-03", "points", 120));
                events.append(tx, "club", "club.member.updated", SARA, Map.of("id", SARA, "firstName", "Sara", "mobile", "+989121234567",
                        "email", "sara@example.com"));
                events.append(tx, "sms", "sms.received", "+989121234567", Map.of("phone", "+989121234567", "text", "لغو"));
                events.append(tx, "pos", "pos.sale.completed", "sale-1", Map.of("memberId", SARA, "total", 250000, "receipt", "R-1"));
                events.append(tx, "club", "club.member.registered", REZA, Map.of("id", REZA, "firstName", "Reza", "mobile", "+989351112233"));
                return null;
            });
            ContactDirectory contacts = new ContactDirectory(VafaLocale.defaults());
            ContactSource members = id -> id.equals(SARA) || id.equals(REZA)
                    ? Optional.of(new Contact("member:" + id, id.equals(SARA) ? "+989121234567" : "+989351112233", null, "fa", true,
                            false, Map.of()))
                    : Optional.empty();
            contacts.addSource(members, Map.of(ContactSource.KIND, "member"));
            // the SMS plugin held data once and is not installed now
            database.inTransaction(tx -> Sql.update(tx, "INSERT INTO vafa_personal_plugin (plugin, first_seen) VALUES ('sms', ?)",
                    java.time.Instant.now()));
            PersonalDataService service = new PersonalDataService(database, contacts);
            NotesPlugin club = new NotesPlugin();
            service.add("club", club);

            Map<String, Object> export = service.export(SARA);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> sections = (Map<String, Map<String, Object>>) export.get("sections");
            assertThat(sections).containsKeys("club", "sms", "platform");
            assertThat(sections.get("sms")).containsEntry("installed", false);
            assertThat(sections.get("club").get("data").toString()).as("every mobile the member had").contains("+989121234567");
            assertThat(export.get("summary").toString()).contains("sms: not installed", "platform: 2 events");

            assertThatThrownBy(() -> service.erase(SARA, " ", "admin")).isInstanceOfSatisfying(Problem.class,
                    p -> assertThat(p.field()).isEqualTo("reason"));
            assertThatThrownBy(() -> service.erase("no-such-member", "asked", "admin")).isInstanceOfSatisfying(Problem.class,
                    p -> assertThat(p.status()).isEqualTo(404));

            PersonalDataService.Erasure erasure = service.erase(SARA, "the member asked by phone", "admin");
            assertThat(erasure.completedAt()).as("sms has yet to do its part").isNull();
            assertThat(erasure.parts()).extracting(PersonalDataService.Part::plugin, PersonalDataService.Part::done)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("club", true), org.assertj.core.groups.Tuple.tuple("platform", true),
                            org.assertj.core.groups.Tuple.tuple("sms", false));
            assertThat(club.erased).singleElement().satisfies(p -> {
                assertThat(p.mobiles()).containsExactly("+989121234567");
                assertThat(p.emails()).containsExactly("sara@example.com");
            });
            // nothing in the log names her any more; Reza's event and the sale's amounts are as they were
            for (String trace : List.of("Sara", "Ahmadi", "9121234567", "sara@example.com", "1991-08-03")) {
                assertThat(count(database, "SELECT COUNT(*) FROM vafa_event WHERE data_json LIKE ? OR subject LIKE ?", "%" + trace + "%",
                        "%" + trace + "%")).as(trace).isZero();
            }
            assertThat(count(database, "SELECT COUNT(*) FROM vafa_event WHERE data_json LIKE '%Reza%'")).isEqualTo(1);
            assertThat(count(database, "SELECT COUNT(*) FROM vafa_event WHERE data_json LIKE '%250000%' AND data_json LIKE ?",
                    "%" + SARA + "%")).isEqualTo(1);
            assertThat(count(database, "SELECT COUNT(*) FROM vafa_event WHERE data_json LIKE '%\"points\":120%'")).isEqualTo(1);

            // asked again: the same erasure, nothing done twice
            assertThat(service.erase(SARA, "again", "admin").id()).isEqualTo(erasure.id());
            assertThat(club.erased).hasSize(1);

            // the SMS plugin comes back: it does its part with the contact points kept for it, then they are forgotten
            NotesPlugin sms = new NotesPlugin();
            service.addPlugin(sms, Map.of(PersonalData.PLUGIN, "sms"));
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (service.erasure(SARA).orElseThrow().completedAt() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(service.erasure(SARA).orElseThrow().completedAt()).isNotNull();
            assertThat(sms.erased).singleElement().satisfies(p -> assertThat(p.mobiles()).containsExactly("+989121234567"));
            assertThat(count(database, "SELECT COUNT(*) FROM vafa_erasure WHERE person_json IS NOT NULL")).isZero();
            assertThat(service.export(SARA).get("erasure")).isNotNull();
        }
    }

    private static long count(Database database, String sql, Object... params) {
        return database.inTransaction(tx -> Sql.number(tx, sql, params));
    }
}
