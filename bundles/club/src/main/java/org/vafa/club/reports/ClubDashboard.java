package org.vafa.club.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.club.ClubConfig;

/**
 * The club's figures for the console's dashboard, computed together and kept: at a million members and ten million
 * ledger rows the reports take seconds (they read every row), which a dashboard opened many times a day should not
 * pay each time. They are computed in the background when the club starts; a request gets the kept figures at once,
 * and when they are older than {@code dashboardSeconds} a background refresh is started (one at a time), so that the
 * next request has newer ones. An operator who wants them now asks for fresh ones (computed while they wait).
 */
@Component(service = ClubDashboard.class, configurationPid = "org.vafa.club", configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ClubDashboard {
    private static final Logger LOG = LoggerFactory.getLogger(ClubDashboard.class);

    /** The figures, when they were computed and how long that took. */
    public record DashboardFigures(Instant asOf, long computedInMillis, ClubReports.MemberFigures members, List<ClubReports.Month> joins,
                                   List<ClubReports.Month> joinsGregorian, ClubReports.PointsFigures points, Map<String, Long> rfmSegments) {
    }

    @Reference
    private ClubReports reports;
    private volatile Duration maxAge;
    private volatile DashboardFigures current;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "club-dashboard");
        t.setDaemon(true);
        return t;
    });

    public ClubDashboard() {
    }

    /** Outside OSGi (tests, benchmarks). */
    public ClubDashboard(ClubReports reports, Duration maxAge) {
        this.reports = reports;
        this.maxAge = maxAge;
    }

    @Activate
    void activate(ClubConfig config) {
        configure(config);
        refreshInBackground(); // warm: the first view after a start does not wait for the reports
    }

    @Modified
    void configure(ClubConfig config) {
        maxAge = Duration.ofSeconds(config.dashboardSeconds());
    }

    @Deactivate
    void deactivate() {
        refresher.shutdownNow();
    }

    /** The latest figures (computed now if there are none yet); a refresh starts in the background when they are old. */
    public DashboardFigures figures() {
        DashboardFigures figures = current;
        if (figures == null) {
            return fresh();
        }
        if (Duration.between(figures.asOf(), Instant.now()).compareTo(maxAge) >= 0) {
            refreshInBackground();
        }
        return figures;
    }

    /** Figures computed after this call began (one computation at a time: one started meanwhile serves every caller). */
    public DashboardFigures fresh() {
        Instant asked = Instant.now();
        synchronized (this) {
            DashboardFigures figures = current;
            if (figures == null || figures.asOf().isBefore(asked)) {
                figures = compute();
                current = figures;
            }
            return figures;
        }
    }

    private void refreshInBackground() {
        if (refreshing.compareAndSet(false, true)) {
            refresher.execute(() -> {
                try {
                    fresh();
                } catch (RuntimeException failed) {
                    LOG.warn("The dashboard's figures could not be computed (the last ones are shown): {}", failed.toString());
                } finally {
                    refreshing.set(false);
                }
            });
        }
    }

    private DashboardFigures compute() {
        long start = System.nanoTime();
        Instant now = Instant.now();
        String[] months = reports.lastTwelveMonths(now, "jalali");
        ClubReports.MemberFigures members = reports.members(now);
        List<ClubReports.Month> joins = reports.joinsAndLeaves(months[0], months[1], "jalali");
        String[] gregorian = reports.lastTwelveMonths(now, "gregorian");
        List<ClubReports.Month> joinsGregorian = reports.joinsAndLeaves(gregorian[0], gregorian[1], "gregorian");
        ClubReports.PointsFigures points = reports.points(now);
        Map<String, Long> segments = reports.rfm(now, 12, null, null, 1, 0).segments();
        return new DashboardFigures(now, (System.nanoTime() - start) / 1_000_000, members, joins, joinsGregorian, points, segments);
    }
}
