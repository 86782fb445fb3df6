package org.vafa.club;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.annotation.Annotation;
import java.sql.Connection;
import javax.sql.DataSource;
import org.osgi.framework.Bundle;
import org.vafa.api.db.Database;
import org.vafa.api.events.CloudEvent;
import org.vafa.api.events.EventLog;
import org.vafa.club.members.Members;
import org.vafa.club.points.PointsLedger;
import org.vafa.club.rules.ClubRules;
import org.vafa.core.db.VafaDatabase;
import org.vafa.core.events.EventStore;

/** The club's services on a test database, wired as the server would (outside OSGi). */
public record ClubTestWiring(Members members, PointsLedger points, ClubRules rules) {

    public static ClubTestWiring of(HikariDataSource db) {
        VafaDatabase.migrate(db, "club", ClubTestWiring.class.getClassLoader());
        EventStore events = new EventStore(db);
        Database database = new Database() {
            public DataSource dataSource() {
                return db;
            }

            public String vendor() {
                return "test";
            }

            public void migrate(String plugin, Bundle bundle) {
                throw new UnsupportedOperationException("migrated above");
            }

            public <T> T inTransaction(TransactionWork<T> work) {
                return VafaDatabase.inTransaction(db, work);
            }
        };
        EventLog log = new EventLog() {
            public CloudEvent append(Connection tx, String source, String type, String subject, Object data) {
                return events.append(tx, source, type, subject, data);
            }

            public CloudEvent publish(String source, String type, String subject, Object data) {
                return database.inTransaction(tx -> append(tx, source, type, subject, data));
            }
        };
        ClubConfig config = new ClubConfig() {
            public Class<? extends Annotation> annotationType() {
                return ClubConfig.class;
            }

            public String defaultRegion() {
                return "IR";
            }

            public String cardPrefix() {
                return "6104";
            }

            public int pointsExpireAfterMonths() {
                return 12;
            }
        };
        return new ClubTestWiring(new Members(database, log, config), new PointsLedger(database, log, 12), new ClubRules(database, log));
    }
}
