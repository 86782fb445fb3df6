package org.vafa.club;

import org.vafa.club.members.Registration;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.ZoneId;
import org.vafa.api.db.Database;
import org.vafa.api.events.EventLog;
import org.vafa.club.checkout.ClubCheckoutService;
import org.vafa.club.members.MemberJson;
import org.vafa.club.members.Members;
import org.vafa.club.points.Bonuses;
import org.vafa.club.points.PointsDiscounts;
import org.vafa.club.points.PointsLedger;
import org.vafa.club.reports.ClubReports;
import org.vafa.club.rewards.Rewards;
import org.vafa.club.rules.ClubRules;
import org.vafa.club.sales.Sales;
import org.vafa.club.storedvalue.StoredValue;
import org.vafa.club.tiers.MemberTiers;
import org.vafa.club.vouchers.Vouchers;
import org.vafa.core.Standalone;
import org.vafa.core.db.VafaDatabase;
import org.vafa.core.locale.VafaLocale;

/** The club's services on a test database, wired as the server would (outside OSGi), with the default configuration. */
public record ClubTestWiring(HikariDataSource db, Members members, PointsLedger points, ClubRules rules, MemberTiers tiers,
                             Sales sales, StoredValue storedValue, Vouchers vouchers, Rewards rewards, PointsDiscounts discounts,
                             Bonuses bonuses, ClubReports reports, ClubCheckoutService checkout) {

    public static ClubTestWiring of(HikariDataSource db) {
        VafaDatabase.migrate(db, "club", ClubTestWiring.class.getClassLoader());
        return onMigrated(db);
    }

    /** The club on a database whose schema is there already (e.g. another pool on it). */
    public static ClubTestWiring onMigrated(HikariDataSource db) {
        Database database = Standalone.database(db, "test");
        EventLog log = Standalone.eventLog(db);
        ClubConfig config = Standalone.defaults(ClubConfig.class);
        VafaLocale locale = VafaLocale.defaults();
        ZoneId zone = locale.timeZone();
        Members members = new Members(database, log, config, locale);
        members.buildNameIndex(); // as at activation
        PointsLedger points = new PointsLedger(database, log, config.pointsExpireAfterMonths());
        ClubRules rules = new ClubRules(database, log);
        MemberTiers tiers = new MemberTiers(database, log, rules);
        StoredValue storedValue = new StoredValue(database, log, locale.currency());
        Vouchers vouchers = new Vouchers(database, log, locale.currency());
        Sales sales = new Sales(database, members, points, rules, tiers, vouchers, log);
        PointsDiscounts discounts = new PointsDiscounts(database, points, rules);
        return new ClubTestWiring(db, members, points, rules, tiers, sales, storedValue, vouchers,
                new Rewards(database, log, points, members), discounts, new Bonuses(rules, points, members, database, zone),
                new ClubReports(database, rules, zone),
                new ClubCheckoutService(database, members, points, discounts, storedValue, vouchers, sales, rules, tiers, zone));
    }

    /** A member with this mobile (names do not matter to the tests that use it). */
    public String member(String mobile) throws Exception {
        return members.register(Registration.read(MemberJson.MAPPER.readTree(
                "{\"firstName\": \"Ali\", \"lastName\": \"Karimi\", \"mobile\": \"" + mobile + "\"}"))).id();
    }

    public void programme(String json) throws Exception {
        rules.replace(MemberJson.MAPPER.readTree(json), "test");
    }

    /** A number the database counts (SELECT COUNT(*) ...). */
    public long count(String sql) throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The call is refused with a problem naming {@code field}. */
    public static void refusedOn(String field, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        org.assertj.core.api.Assertions.assertThatThrownBy(call)
                .isInstanceOfSatisfying(org.vafa.api.rest.Problem.class, p -> org.assertj.core.api.Assertions.assertThat(p.field()).isEqualTo(field));
    }

    public long events(String type) throws Exception {
        return count("SELECT COUNT(*) FROM vafa_event WHERE event_type = '" + type + "'");
    }
}
