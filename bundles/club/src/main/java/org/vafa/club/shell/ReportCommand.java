package org.vafa.club.shell;

import java.time.Instant;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.vafa.club.reports.ClubReports;
import org.vafa.club.rules.ClubRules;

@Service
@Command(scope = "vafa", name = "club-report", description = "The club at a glance: the programme in force, members, points")
public class ReportCommand implements Action {
    @Reference
    private ClubReports reports;
    @Reference
    private ClubRules rules;

    @Override
    public Object execute() {
        System.out.println("Programme: " + rules.current().map(v -> "version " + v.version() + ", " + v.rules().name()
                + " (by " + v.changedBy() + " at " + v.changedAt() + ")").orElse("none yet (PUT /api/club/rules)"));
        ClubReports.MemberFigures members = reports.members(Instant.now());
        System.out.println("Members: " + members.total() + " " + members.byStatus() + ", by tier " + members.byTier());
        ClubReports.PointsFigures points = reports.points(Instant.now());
        System.out.printf("Points: %d issued, %d redeemed, %d expired, %d outstanding (%d pending)%s%n", points.issued(),
                points.redeemed(), points.expired(), points.outstanding(), points.pending(),
                points.liability() == null ? "" : ", liability " + points.liability().stripTrailingZeros().toPlainString() + " " + points.currency());
        return null;
    }
}
