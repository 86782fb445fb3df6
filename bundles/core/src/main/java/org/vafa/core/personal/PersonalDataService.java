package org.vafa.core.personal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.contacts.Contact;
import org.vafa.api.contacts.Contacts;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.personal.Person;
import org.vafa.api.personal.PersonalData;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;
import org.vafa.core.events.Json;

/**
 * One export and one erasure of a member's personal data across every plugin that holds some
 * ({@link PersonalData} services) and the event log. An erasure is recorded first, with a part for every plugin
 * that ever provided personal data; each part is done once, in its plugin's transaction, and a plugin that is not
 * installed does its part when it comes back (also after a restart). The platform's part redacts the member's
 * events and remembered answers in place ({@link PlatformRedaction}). Used by {@code /api/admin/members/{id}/personal-data} and the
 * {@code vafa:personal-data} commands.
 */
@Component(service = PersonalDataService.class)
public class PersonalDataService {
    /** The platform's own part of an erasure: the event log and remembered answers. */
    public static final String PLATFORM = "platform";
    private static final Logger LOG = LoggerFactory.getLogger(PersonalDataService.class);

    private final Database database;
    private final Contacts contacts;
    private final Map<String, PersonalData> plugins = new ConcurrentHashMap<>();
    /** Parts done for a plugin that came back run here, one at a time, away from the service registry's thread. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vafa-erasures");
        t.setDaemon(true);
        return t;
    });

    /** One part of an erasure: done (with what was done), or waiting for its plugin. */
    public record Part(String plugin, boolean done, Integer records, String detail, Instant doneAt) {
    }

    /** An erasure and how far it is; {@code completedAt} is set when every part is done. */
    public record Erasure(String id, String memberId, String reason, String requestedBy, Instant requestedAt, Instant completedAt,
                          List<Part> parts) {
    }

    @Activate
    public PersonalDataService(@Reference Database database, @Reference Contacts contacts) {
        this.database = database;
        this.contacts = contacts;
        worker.submit(this::resumeAll); // parts interrupted by a stop
    }

    @Deactivate
    void stop() {
        worker.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addPlugin(PersonalData plugin, Map<String, Object> properties) {
        Object name = properties.get(PersonalData.PLUGIN);
        if (name == null) {
            LOG.warn("A PersonalData service without the {} property is ignored", PersonalData.PLUGIN);
            return;
        }
        plugins.put(name.toString(), plugin);
        worker.submit(() -> {
            remember(name.toString());
            resumeAll();
        });
    }

    public void removePlugin(PersonalData plugin, Map<String, Object> properties) {
        Object name = properties.get(PersonalData.PLUGIN);
        if (name != null) {
            plugins.remove(name.toString(), plugin);
        }
    }

    // --- export ----------------------------------------------------------------------------------

    /** Everything the business holds about the member: a section per plugin, the member's events, a summary in Persian and English. */
    public Map<String, Object> export(String memberId) {
        Optional<Erasure> erasure = erasure(memberId);
        Person person = erasure.isPresent() ? storedPerson(erasure.get().id()).orElse(new Person(memberId, List.of(), List.of()))
                : person(memberId);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("memberId", memberId);
        document.put("exportedAt", Instant.now());
        List<String> fa = new ArrayList<>();
        List<String> en = new ArrayList<>();
        Map<String, Object> sections = new LinkedHashMap<>();
        for (String name : knownPlugins()) {
            PersonalData plugin = plugins.get(name);
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("installed", plugin != null);
            if (plugin == null) {
                fa.add(name + ": نصب نیست؛ داده‌هایش در این خروجی نیامده است");
                en.add(name + ": not installed; its data is not in this export");
            } else {
                PersonalData.Section s = plugin.export(person);
                section.put("data", s.data());
                fa.add(name + ": " + s.summaryFa());
                en.add(name + ": " + s.summaryEn());
            }
            sections.put(name, section);
        }
        List<Map<String, Object>> events = events(memberId);
        sections.put(PLATFORM, Map.of("installed", true, "data", Map.of("events", events)));
        fa.add("platform: " + events.size() + " رویداد دربارهٔ این عضو در فهرست رویدادها");
        en.add("platform: " + events.size() + " events about this member in the event log");
        document.put("summary", Map.of("fa", fa, "en", en));
        document.put("sections", sections);
        erasure.ifPresent(e -> document.put("erasure", e));
        return document;
    }

    // --- erasure ---------------------------------------------------------------------------------

    /**
     * Erases the member everywhere. Asking again for an erased member answers the same erasure (and does any
     * part still waiting whose plugin is back).
     */
    public Erasure erase(String memberId, String reason, String requestedBy) {
        if (reason == null || !Fields.visible(reason) || reason.length() > 500) {
            throw Problem.invalidField("reason", "reason is why the member is erased, 1 to 500 characters (it is recorded)");
        }
        Optional<Erasure> existing = erasure(memberId);
        String id;
        if (existing.isPresent()) {
            id = existing.get().id();
        } else {
            Person person = person(memberId);
            String newId = UUID.randomUUID().toString();
            Set<String> parts = new TreeSet<>(knownPlugins());
            parts.add(PLATFORM);
            try {
                database.inTransaction(tx -> {
                    Sql.update(tx, "INSERT INTO vafa_erasure (id, member_id, reason, requested_by, requested_at, person_json)"
                            + " VALUES (?, ?, ?, ?, ?, ?)", newId, memberId, reason.trim(), requestedBy, Instant.now(), Json.write(person));
                    for (String plugin : parts) {
                        Sql.update(tx, "INSERT INTO vafa_erasure_part (erasure_id, plugin) VALUES (?, ?)", newId, plugin);
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                if (erasure(memberId).isEmpty()) {
                    throw e;
                } // else asked twice at once: the other request's erasure it is
            }
            id = erasure(memberId).orElseThrow().id();
            LOG.info("Erasure {} of member {} requested by {}", id, memberId, requestedBy);
        }
        resume(id);
        return erasureById(id).orElseThrow();
    }

    public Optional<Erasure> erasure(String memberId) {
        return database.inTransaction(tx -> Sql.one(tx, "SELECT id FROM vafa_erasure WHERE member_id = ?", rs -> rs.getString(1), memberId))
                .flatMap(this::erasureById);
    }

    /** Does the parts that can be done now: the platform's, then each installed plugin's; completes the erasure when none waits. */
    private synchronized void resume(String erasureId) {
        Optional<Person> stored = storedPerson(erasureId);
        if (stored.isEmpty()) {
            return; // completed
        }
        Person person = stored.get();
        List<String> waiting = database.inTransaction(tx -> Sql.list(tx, "SELECT plugin FROM vafa_erasure_part WHERE erasure_id = ?"
                + " AND done_at IS NULL ORDER BY plugin", rs -> rs.getString(1), erasureId));
        // the log first: a subscription that delivers the member's events to a plugin after the plugin's part gives
        // it the redacted events only
        if (waiting.contains(PLATFORM)) {
            int[] changed = database.inTransaction(tx -> new int[] {PlatformRedaction.events(tx, person),
                    PlatformRedaction.rememberedAnswers(tx, person), org.vafa.core.members.MemberSignIn.forget(tx, person.memberId())});
            done(erasureId, PLATFORM, changed[0] + changed[1] + changed[2], "personal fields of " + changed[0] + " events and "
                    + changed[1] + " remembered answers redacted in place; " + changed[2] + " sign-in sessions and codes ended");
        }
        for (String plugin : waiting) {
            if (plugin.equals(PLATFORM)) {
                continue;
            }
            PersonalData provider = plugins.get(plugin);
            if (provider == null) {
                continue;
            }
            try {
                PersonalData.Erased erased = provider.erase(person, erasureId);
                done(erasureId, plugin, erased.records(), erased.detail());
                LOG.info("Erasure {}: {} did its part ({} records)", erasureId, plugin, erased.records());
            } catch (RuntimeException e) {
                LOG.warn("Erasure {}: {} failed and is tried again when asked or when the plugin restarts: {}", erasureId, plugin,
                        e.toString());
            }
        }
        database.inTransaction(tx -> {
            if (Sql.number(tx, "SELECT COUNT(*) FROM vafa_erasure_part WHERE erasure_id = ? AND done_at IS NULL", erasureId) == 0) {
                Sql.update(tx, "UPDATE vafa_erasure SET completed_at = ?, person_json = NULL WHERE id = ?", Instant.now(), erasureId);
            }
            return null;
        });
    }

    private void resumeAll() {
        try {
            database.inTransaction(tx -> Sql.list(tx, "SELECT id FROM vafa_erasure WHERE completed_at IS NULL", rs -> rs.getString(1)))
                    .forEach(this::resume);
        } catch (RuntimeException e) {
            LOG.warn("Waiting erasures could not be resumed: {}", e.toString());
        }
    }

    private void done(String erasureId, String plugin, int records, String detail) {
        database.inTransaction(tx -> Sql.update(tx, "UPDATE vafa_erasure_part SET records = ?, detail = ?, done_at = ? WHERE erasure_id = ?"
                + " AND plugin = ? AND done_at IS NULL", records, detail.length() > 1000 ? detail.substring(0, 1000) : detail,
                Instant.now(), erasureId, plugin));
    }

    private Optional<Erasure> erasureById(String id) {
        return database.inTransaction(tx -> {
            List<Part> parts = Sql.list(tx, "SELECT plugin, records, detail, done_at FROM vafa_erasure_part WHERE erasure_id = ?"
                    + " ORDER BY plugin", rs -> new Part(rs.getString(1), rs.getTimestamp(4) != null,
                    rs.getObject(2) == null ? null : rs.getInt(2), rs.getString(3), Sql.instant(rs, 4)), id);
            return Sql.one(tx, "SELECT id, member_id, reason, requested_by, requested_at, completed_at FROM vafa_erasure WHERE id = ?",
                    rs -> new Erasure(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Sql.instant(rs, 5),
                            Sql.instant(rs, 6), parts), id);
        });
    }

    private Optional<Person> storedPerson(String erasureId) {
        return database.inTransaction(tx -> Sql.one(tx, "SELECT person_json FROM vafa_erasure WHERE id = ? AND person_json IS NOT NULL",
                rs -> rs.getString(1), erasureId)).map(json -> Json.MAPPER.convertValue(Json.readTree(json), Person.class));
    }

    // --- who the member is -----------------------------------------------------------------------

    /** The member with every mobile and address they had: the current ones and those their own events carried. */
    private Person person(String memberId) {
        if (memberId == null || !memberId.matches("[A-Za-z0-9-]{1,36}")) {
            throw Problem.invalidField("id", "id is a member's id");
        }
        Contact contact;
        try {
            contact = contacts.resolve("member:" + memberId).orElseThrow(() -> Problem.notFound("No member " + memberId));
        } catch (Contacts.KindNotInstalled e) {
            throw Problem.conflict("The club is not installed, so no member can be found; install it to export or erase a member");
        }
        Set<String> mobiles = new LinkedHashSet<>();
        Set<String> emails = new LinkedHashSet<>();
        if (contact.mobile() != null) {
            mobiles.add(contact.mobile());
        }
        if (contact.email() != null) {
            emails.add(contact.email());
        }
        database.inTransaction(tx -> {
            for (String data : Sql.list(tx, "SELECT data_json FROM vafa_event WHERE subject = ?", rs -> rs.getString(1), memberId)) {
                var json = Json.readTree(data);
                if (json.path("mobile").isTextual()) {
                    mobiles.add(json.get("mobile").asText());
                }
                if (json.path("email").isTextual()) {
                    emails.add(json.get("email").asText());
                }
            }
            return null;
        });
        return new Person(memberId, List.copyOf(mobiles), List.copyOf(emails));
    }

    private List<Map<String, Object>> events(String memberId) {
        return database.inTransaction(tx -> Sql.list(tx, "SELECT id, event_type, event_time, data_json FROM vafa_event WHERE subject = ?"
                + " ORDER BY recorded", rs -> {
                    Map<String, Object> event = new LinkedHashMap<>();
                    event.put("id", rs.getString(1));
                    event.put("type", rs.getString(2));
                    event.put("time", Sql.instant(rs, 3));
                    event.put("data", Json.readTree(rs.getString(4)));
                    return event;
                }, memberId));
    }

    /** Every plugin that ever provided personal data, installed or not, and the installed ones. */
    private Set<String> knownPlugins() {
        Set<String> names = new TreeSet<>(plugins.keySet());
        names.addAll(database.inTransaction(tx -> Sql.list(tx, "SELECT plugin FROM vafa_personal_plugin", rs -> rs.getString(1))));
        return names;
    }

    private void remember(String plugin) {
        try {
            database.inTransaction(tx -> Sql.one(tx, "SELECT 1 FROM vafa_personal_plugin WHERE plugin = ?", rs -> 1, plugin).isPresent()
                    ? 0 : Sql.update(tx, "INSERT INTO vafa_personal_plugin (plugin, first_seen) VALUES (?, ?)", plugin, Instant.now()));
        } catch (RuntimeException e) {
            LOG.debug("Plugin {} was recorded at the same time elsewhere: {}", plugin, e.toString());
        }
    }

    /** For tests: a plugin present from the start. */
    void add(String name, PersonalData plugin) {
        plugins.put(name, plugin);
        remember(name);
    }
}
