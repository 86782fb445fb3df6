package org.vafa.club;

import com.zaxxer.hikari.HikariDataSource;
import org.vafa.api.db.Database;
import org.vafa.api.events.EventLog;
import org.vafa.club.members.Members;
import org.vafa.club.points.PointsLedger;
import org.vafa.club.rules.ClubRules;
import org.vafa.core.Standalone;
import org.vafa.core.db.VafaDatabase;

/** The club's services on a test database, wired as the server would (outside OSGi). */
public record ClubTestWiring(Members members, PointsLedger points, ClubRules rules) {

    public static ClubTestWiring of(HikariDataSource db) {
        VafaDatabase.migrate(db, "club", ClubTestWiring.class.getClassLoader());
        Database database = Standalone.database(db, "test");
        EventLog log = Standalone.eventLog(db);
        return new ClubTestWiring(new Members(database, log, Standalone.defaults(ClubConfig.class)), new PointsLedger(database, log, 12),
                new ClubRules(database, log));
    }
}
