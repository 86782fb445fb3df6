package org.vafa.crm.staff;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.input.PhoneNumbers;
import org.vafa.api.locale.PlatformLocale;
import org.vafa.api.plugin.PluginReady;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;

/** The staff directory: who they are, how to reach them, which ticket categories they answer, on duty or not. */
@Component(service = Staff.class)
public class Staff {
    private static final Set<String> ROLES = Set.of("expert", "supervisor", "manager");

    private final Database database;
    private final PlatformLocale locale;

    /** A member of staff; {@code branches} empty means every branch. */
    public record Person(String id, String name, String mobile, String email, List<String> roles, List<String> branches,
                         List<String> categories, boolean onDuty, String language, Instant createdAt) {
    }

    /** {@code POST /api/crm/staff}: checked however it is made; the mobile any usual form (made E.164 by the directory). */
    public record NewPerson(String id, String name, String mobile, String email, List<String> roles, List<String> branches,
                            List<String> categories, boolean onDuty, String language) {
        private static final Set<String> FIELDS = Set.of("id", "name", "mobile", "email", "roles", "branches", "categories", "onDuty",
                "language");

        public NewPerson {
            if (id == null || !id.matches("[a-z0-9][a-z0-9.-]{0,39}")) {
                throw Problem.invalidField("id", "id is a short name: lower-case Latin letters, digits, '.' and '-', e.g. sara-k");
            }
            if (name == null || !Fields.visible(name) || name.length() > 200) {
                throw Problem.invalidField("name", "name is 1 to 200 characters");
            }
            if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw Problem.invalidField("email", "'" + email + "' is not an e-mail address");
            }
            roles = roles == null || roles.isEmpty() ? List.of("expert") : List.copyOf(roles);
            if (!ROLES.containsAll(roles)) {
                throw Problem.invalidField("roles", "roles are some of " + new java.util.TreeSet<>(ROLES));
            }
            branches = codes("branches", branches);
            categories = codes("categories", categories);
            if (language != null && !language.matches("[a-z]{2}")) {
                throw Problem.invalidField("language", "language is a two-letter code such as fa or en");
            }
        }

        public static NewPerson read(JsonNode body) {
            Fields f = new Fields(body, FIELDS);
            return new NewPerson(f.text("id", true, 40), f.text("name", true, 200), f.text("mobile", false, 40), f.text("email", false, 254),
                    f.strings("roles"), f.strings("branches"), f.strings("categories"), f.flag("onDuty", true), f.text("language", false, 2));
        }

        private static List<String> codes(String field, List<String> values) {
            List<String> out = values == null ? List.of() : List.copyOf(values);
            for (String v : out) {
                if (!v.matches("[a-z0-9][a-z0-9-]{0,39}")) {
                    throw Problem.invalidField(field, field + " are codes of lower-case Latin letters, digits and '-'");
                }
            }
            return out;
        }
    }

    @Activate
    public Staff(@Reference Database database, @Reference PlatformLocale locale,
                 @Reference(target = "(" + PluginReady.NAME + "=crm)") PluginReady ready) {
        this.database = database;
        this.locale = locale;
    }

    public Person add(NewPerson p) {
        String mobile;
        try {
            mobile = p.mobile() == null ? null : PhoneNumbers.mobileToE164(p.mobile(), locale.region());
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField("mobile", e.getMessage());
        }
        Person person = new Person(p.id(), p.name().trim(), mobile, p.email(), p.roles(), p.branches(), p.categories(), p.onDuty(),
                p.language(), Instant.now());
        return database.inTransaction(tx -> {
            if (get(tx, p.id()).isPresent()) {
                throw new Problem(409, "Conflict", "A member of staff " + p.id() + " exists already", "id");
            }
            Sql.update(tx, "INSERT INTO crm_staff (id, name, mobile, email, roles, branches, categories, on_duty, language, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", person.id(), person.name(), mobile, person.email(), String.join(",", person.roles()),
                    String.join(",", person.branches()), String.join(",", person.categories()), person.onDuty(), person.language(),
                    person.createdAt());
            return person;
        });
    }

    /** Puts a member of staff on duty or off. */
    public Person onDuty(String id, boolean onDuty) {
        return database.inTransaction(tx -> {
            if (Sql.update(tx, "UPDATE crm_staff SET on_duty = ? WHERE id = ?", onDuty, id) == 0) {
                throw Problem.notFound("No member of staff " + id);
            }
            return get(tx, id).orElseThrow();
        });
    }

    public List<Person> list() {
        return database.inTransaction(tx -> Sql.list(tx, "SELECT " + COLUMNS + " FROM crm_staff ORDER BY id", Staff::person));
    }

    public Optional<Person> get(String id) {
        return database.inTransaction(tx -> get(tx, id));
    }

    public Optional<Person> get(Connection tx, String id) throws SQLException {
        return Sql.one(tx, "SELECT " + COLUMNS + " FROM crm_staff WHERE id = ?", Staff::person, id);
    }

    /**
     * Who answers a ticket of this category (and branch): an expert who answers the category and works at the branch
     * (or at every branch), on duty first; null when no one does.
     */
    public Person responsible(Connection tx, String category, String branch) throws SQLException {
        return Sql.list(tx, "SELECT " + COLUMNS + " FROM crm_staff ORDER BY on_duty DESC, id", Staff::person).stream()
                .filter(p -> p.roles().contains("expert") && p.categories().contains(category))
                .filter(p -> p.branches().isEmpty() || branch == null || p.branches().contains(branch))
                .findFirst().orElse(null);
    }

    /** Who a ticket of the category escalates to at this role (supervisor, manager): one who answers it, or every category; on duty first. */
    public Person chain(Connection tx, String category, String role) throws SQLException {
        return Sql.list(tx, "SELECT " + COLUMNS + " FROM crm_staff ORDER BY on_duty DESC, id", Staff::person).stream()
                .filter(p -> p.roles().contains(role) && (p.categories().isEmpty() || p.categories().contains(category)))
                .findFirst().orElse(null);
    }

    private static final String COLUMNS = "id, name, mobile, email, roles, branches, categories, on_duty, language, created_at";

    private static Person person(java.sql.ResultSet rs) throws SQLException {
        return new Person(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), list(rs.getString(5)), list(rs.getString(6)),
                list(rs.getString(7)), rs.getBoolean(8), rs.getString(9), Sql.instant(rs, 10));
    }

    private static List<String> list(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
