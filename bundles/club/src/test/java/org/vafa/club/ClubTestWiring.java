package org.vafa.club;

import com.zaxxer.hikari.HikariDataSource;
import org.vafa.api.db.Database;
import org.vafa.api.events.EventLog;
import org.vafa.club.members.Members;
import org.vafa.club.points.PointsLedger;
import org.vafa.club.rules.ClubRules;
import org.vafa.club.sales.Sales;
import org.vafa.club.tiers.MemberTiers;
import org.vafa.core.Standalone;
import org.vafa.core.db.VafaDatabase;

/** The club's services on a test database, wired as the server would (outside OSGi). */
public record ClubTestWiring(Members members, PointsLedger points, ClubRules rules, MemberTiers tiers, Sales sales) {

    public static ClubTestWiring of(HikariDataSource db) {
        VafaDatabase.migrate(db, "club", ClubTestWiring.class.getClassLoader());
        Database database = Standalone.database(db, "test");
        EventLog log = Standalone.eventLog(db);
        Members members = new Members(database, log, Standalone.defaults(ClubConfig.class));
        PointsLedger points = new PointsLedger(database, log, 12);
        ClubRules rules = new ClubRules(database, log);
        MemberTiers tiers = new MemberTiers(database, log, rules);
        return new ClubTestWiring(members, points, rules, tiers, new Sales(database, members, points, rules, tiers));
    }
}
