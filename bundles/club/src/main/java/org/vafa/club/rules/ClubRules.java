package org.vafa.club.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.plugin.PluginReady;
import org.vafa.api.events.EventLog;
import org.vafa.api.rest.Problem;

/**
 * The earning programme in force: versioned in the database, replaced live by staff (a rule set that
 * does not validate is refused with the path of the mistake and the old one stays in force).
 * Routes reach it as {@code bean:clubRules}.
 */
@Component(service = ClubRules.class, property = "name=clubRules")
public class ClubRules {
    @Reference
    private Database database;
    @Reference
    private EventLog eventLog;
    @Reference(target = "(" + PluginReady.NAME + "=club)")
    private PluginReady ready; // the plugin's tables are there

    public record Version(long version, RuleSet rules, JsonNode json, String changedBy, Instant changedAt) {
    }

    /**
     * The programme in force (empty: none set yet), read when the club starts and replaced when a new one is put in force,
     * so that pricing a sale never opens a second connection to read it.
     */
    private volatile Optional<Version> inForce = Optional.empty();

    public ClubRules() {
    }

    /** Outside OSGi (tests). */
    public ClubRules(Database database, EventLog eventLog) {
        this.database = database;
        this.eventLog = eventLog;
        activate();
    }

    /** Looks every second for a programme another node put in force (several nodes on one database). */
    private java.util.concurrent.ScheduledExecutorService watcher;

    @Activate
    void activate() {
        load();
        watcher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "club-rules-watcher");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(() -> {
            try {
                long newest = database.inTransaction(tx -> org.vafa.api.db.Sql.number(tx, "SELECT COALESCE(MAX(version), 0) FROM club_rules"));
                if (newest > inForce.map(Version::version).orElse(0L)) {
                    load();
                }
            } catch (RuntimeException e) {
                // the database is away for a moment: the programme in hand stays, and is looked at again in a second
            }
        }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    @org.osgi.service.component.annotations.Deactivate
    void deactivate() {
        watcher.shutdownNow();
    }

    private synchronized void load() {
        inForce = Optional.ofNullable(database.inTransaction(tx -> one(tx,
                "SELECT version, rules_json, changed_by, changed_at FROM club_rules ORDER BY version DESC LIMIT 1", null)));
    }

    /** The programme in force, if one was set. */
    public Optional<Version> current() {
        return inForce;
    }

    /** The programme that was in force at that moment (the newest one put in force up to then), if any. */
    public Optional<Version> at(Instant moment) {
        Version newest = current().orElse(null);
        if (newest == null || !newest.changedAt().isAfter(moment)) {
            return Optional.ofNullable(newest);
        }
        return Optional.ofNullable(database.inTransaction(tx -> one(tx, "SELECT version, rules_json, changed_by, changed_at"
                + " FROM club_rules WHERE changed_at <= ? ORDER BY version DESC LIMIT 1", moment)));
    }

    /** The first programme row the query finds (its one parameter: a moment, or none), or null. */
    private static Version one(java.sql.Connection tx, String sql, Instant moment) throws java.sql.SQLException {
        try (PreparedStatement ps = tx.prepareStatement(sql)) {
            if (moment != null) {
                ps.setTimestamp(1, Timestamp.from(moment));
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                JsonNode json = org.vafa.club.members.MemberJson.MAPPER.readTree(rs.getString(2));
                return new Version(rs.getLong(1), RuleSet.parse(json), json, rs.getString(3), rs.getTimestamp(4).toInstant());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("Stored rule set is not JSON", e);
            }
        }
    }

    /** What a purchase earns under the programme in force; a purchase in another currency is a problem on its field. */
    public Earning earning(Purchase purchase, MemberFacts facts) {
        try {
            return RulesEngine.evaluate(required(), purchase, facts);
        } catch (IllegalArgumentException wrongCurrency) {
            throw Problem.invalidField("purchase.currency", wrongCurrency.getMessage());
        }
    }

    public RuleSet required() {
        return current().map(Version::rules).orElseThrow(() -> Problem.conflict(
                "No earning programme is set yet: PUT one to /api/club/rules (examples ship with the club bundle)"));
    }

    /** Validates and puts a new programme in force; a mistake is a problem naming its path, nothing changes. */
    public Version replace(JsonNode json, String changedBy) {
        RuleSet rules;
        try {
            rules = RuleSet.parse(json);
        } catch (RuleSet.Invalid e) {
            throw Problem.invalidField(e.path(), e.getMessage());
        }
        Instant now = Instant.now();
        Version v = database.inTransaction(tx -> {
            long version;
            try (PreparedStatement ps = tx.prepareStatement(
                    "INSERT INTO club_rules (rules_json, changed_by, changed_at) VALUES (?, ?, ?)", new String[] {"version"})) {
                ps.setString(1, json.toString());
                ps.setString(2, changedBy);
                ps.setTimestamp(3, Timestamp.from(now));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    version = keys.getLong(1);
                }
            }
            eventLog.append(tx, "club", "club.rules.changed", "rules", Map.of("version", version, "name", rules.name(),
                    "changedBy", changedBy == null ? "" : changedBy));
            return new Version(version, rules, json, changedBy, now);
        });
        inForce = Optional.of(v);
        return v;
    }
}
