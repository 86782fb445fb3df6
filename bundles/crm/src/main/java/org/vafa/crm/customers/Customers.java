package org.vafa.crm.customers;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.input.PhoneNumbers;
import org.vafa.api.locale.PlatformLocale;
import org.vafa.api.plugin.PluginReady;
import org.vafa.api.rest.Problem;

/**
 * The customer file: one customer per person, linked to the club member by id. The CRM learns names and contact
 * points only from the events routes hand it ({@code club.member.registered|updated}), never from another
 * plugin's tables; a customer first seen in a sale event has an id and its member id until then.
 */
@Component(service = Customers.class)
public class Customers {
    private final Database database;
    private final PlatformLocale locale;

    /** A customer as the file holds it. */
    public record Customer(String id, String memberId, String firstName, String lastName, String mobile, String email,
                           Instant createdAt, Instant updatedAt) {
    }

    @Activate
    public Customers(@Reference Database database, @Reference PlatformLocale locale,
                     @Reference(target = "(" + PluginReady.NAME + "=crm)") PluginReady ready) {
        this.database = database;
        this.locale = locale;
    }

    /** The member's customer, created on first sight, in the caller's transaction. */
    public Customer ofMember(Connection tx, String memberId) throws SQLException {
        Optional<Customer> found = byMember(tx, memberId);
        if (found.isPresent()) {
            return found.get();
        }
        Instant now = Instant.now();
        // two routes may meet a new member at once: the second insert waits for the first and does nothing
        Sql.update(tx, "INSERT INTO crm_customer (id, member_id, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                UUID.randomUUID().toString(), memberId, now, now);
        found = byMember(tx, memberId);
        // H2 only: its commit is not atomic to readers, so the row that made our insert do nothing may not be visible
        // to the next statement for a moment (seen once in CI with four threads); PostgreSQL sees it at once
        for (int wait = 0; found.isEmpty() && wait < 100; wait++) {
            sleepBriefly();
            found = byMember(tx, memberId);
        }
        return found.orElseThrow(() -> new IllegalStateException("Customer of member " + memberId + " neither made nor found"));
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Names and contact points from a member event's data (the member as the club shows it). */
    public void learn(Connection tx, Customer customer, Map<?, ?> member) throws SQLException {
        Sql.update(tx, "UPDATE crm_customer SET first_name = ?, last_name = ?, mobile = ?, email = ?, updated_at = ? WHERE id = ?",
                text(member.get("firstName")), text(member.get("lastName")), text(member.get("mobile")), text(member.get("email")),
                Instant.now(), customer.id());
    }

    public Optional<Customer> get(String id) {
        return database.inTransaction(tx -> Sql.one(tx, "SELECT " + COLUMNS + " FROM crm_customer WHERE id = ?", Customers::customer, id));
    }

    public Optional<Customer> byMember(Connection tx, String memberId) throws SQLException {
        return Sql.one(tx, "SELECT " + COLUMNS + " FROM crm_customer WHERE member_id = ?", Customers::customer, memberId);
    }

    /** By exactly one of the customer's id, the member's id or a mobile (any usual form). */
    public Optional<Customer> find(String id, String memberId, String mobile) {
        if ((id != null ? 1 : 0) + (memberId != null ? 1 : 0) + (mobile != null ? 1 : 0) != 1) {
            throw Problem.badRequest("Give exactly one of id, memberId or mobile");
        }
        if (id != null) {
            return get(id);
        }
        if (memberId != null) {
            return database.inTransaction(tx -> byMember(tx, memberId));
        }
        String e164;
        try {
            e164 = PhoneNumbers.mobileToE164(mobile, locale.region());
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField("mobile", e.getMessage());
        }
        return database.inTransaction(tx -> Sql.one(tx, "SELECT " + COLUMNS + " FROM crm_customer WHERE mobile = ? ORDER BY created_at",
                Customers::customer, e164));
    }

    static final String COLUMNS = "id, member_id, first_name, last_name, mobile, email, created_at, updated_at";

    static Customer customer(java.sql.ResultSet rs) throws SQLException {
        return new Customer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                Sql.instant(rs, 7), Sql.instant(rs, 8));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
