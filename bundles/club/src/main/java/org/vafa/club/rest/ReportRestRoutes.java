package org.vafa.club.rest;

import static org.vafa.club.rest.Rest.JSON;
import static org.vafa.club.rest.Rest.answer;
import static org.vafa.club.rest.Rest.limit;
import static org.vafa.club.rest.Rest.query;
import static org.vafa.club.rest.Rest.tree;

import java.time.Instant;
import java.util.Optional;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.club.reports.ClubDashboard;
import org.vafa.club.reports.ClubReports;

/** The club in figures, as JSON under {@code /api/club/reports}. */
@Component(service = RoutesBuilder.class)
public class ReportRestRoutes extends RouteBuilder {
    @Reference
    private ClubReports reports;
    @Reference
    private ClubDashboard dashboard;

    @Override
    public void configure() {
        rest("/club/reports").description("Club reports")
                .get("/dashboard").id("api-club-report-dashboard").produces(JSON).outType(ClubDashboard.DashboardFigures.class)
                .description("The console's dashboard in one answer: members, joins and leaves per month (12, Jalali and Gregorian), points, RFM"
                        + " segments — kept, with the time they were computed (asOf); refreshed in the background when older than"
                        + " dashboardSeconds (PID org.vafa.club, 60); ?fresh=true computes them now")
                .param().name("fresh").type(RestParamType.query).required(false).endParam()
                .to("direct:club-report-dashboard")
                .get("/members").id("api-club-report-members").produces(JSON)
                .description("Members now: total (not left), by status, tier, gender and age band")
                .to("direct:club-report-members")
                .get("/joins").id("api-club-report-joins").produces(JSON)
                .description("Joins and leaves per month: ?calendar=gregorian|jalali (gregorian), ?from=YYYY-MM&to=YYYY-MM"
                        + " in that calendar (the last 12 months)")
                .param().name("calendar").type(RestParamType.query).required(false).endParam()
                .param().name("from").type(RestParamType.query).required(false).endParam()
                .param().name("to").type(RestParamType.query).required(false).endParam()
                .to("direct:club-report-joins")
                .get("/points").id("api-club-report-points").produces(JSON)
                .description("Points issued, redeemed, expired, reversed, adjusted, outstanding and pending; the liability in money"
                        + " at the programme's redemption rate")
                .to("direct:club-report-points")
                .get("/rfm").id("api-club-report-rfm").produces(JSON)
                .description("RFM scores (1-5 quintiles) and segments from purchases: ?months=1..120 (12), ?segment=, ?memberId=,"
                        + " ?limit=1..1000 (100), ?offset=")
                .param().name("months").type(RestParamType.query).required(false).endParam()
                .param().name("segment").type(RestParamType.query).required(false).endParam()
                .param().name("memberId").type(RestParamType.query).required(false).endParam()
                .param().name("limit").type(RestParamType.query).required(false).endParam()
                .param().name("offset").type(RestParamType.query).required(false).endParam()
                .to("direct:club-report-rfm");

        from("direct:club-report-dashboard").routeId("club-report-dashboard").process(e -> answer(e, 200, tree("true".equals(query(e, "fresh"))
                ? dashboard.fresh() : dashboard.figures())));
        from("direct:club-report-members").routeId("club-report-members").process(e -> answer(e, 200, tree(reports.members(Instant.now()))));
        from("direct:club-report-joins").routeId("club-report-joins").process(e -> {
            String calendar = Optional.ofNullable(query(e, "calendar")).orElse("gregorian");
            String[] last12 = reports.lastTwelveMonths(Instant.now(), calendar);
            answer(e, 200, tree(reports.joinsAndLeaves(Optional.ofNullable(query(e, "from")).orElse(last12[0]),
                    Optional.ofNullable(query(e, "to")).orElse(last12[1]), calendar)));
        });
        from("direct:club-report-points").routeId("club-report-points").process(e -> answer(e, 200, tree(reports.points(Instant.now()))));
        from("direct:club-report-rfm").routeId("club-report-rfm").process(e -> {
            int months = Rest.number("months", query(e, "months"), 12, 1, 120);
            int offset = Rest.number("offset", query(e, "offset"), 0, 0, Integer.MAX_VALUE);
            answer(e, 200, tree(reports.rfm(Instant.now(), months, query(e, "segment"), query(e, "memberId"),
                    limit(query(e, "limit"), 100, 1000), offset)));
        });
    }
}
