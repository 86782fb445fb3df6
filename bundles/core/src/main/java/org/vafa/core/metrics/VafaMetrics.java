package org.vafa.core.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.cluster.ClusterSingletons;
import org.vafa.core.db.VafaDatabase;
import org.vafa.core.events.EventTransport;
import org.vafa.core.events.VafaEventLog;

/**
 * This node's metrics for Prometheus ({@code GET /api/metrics}, scope {@code metrics}), with Micrometer: REST requests
 * by area, method and status with latency histograms, each durable subscription's backlog, parked deliveries and
 * events handled here, the database pool, the JVM. Every meter carries the node's name ({@code node}). The registry is
 * an OSGi service ({@link MeterRegistry}): a plugin adds its own meters (the SMS outbox by state).
 */
@Component(service = VafaMetrics.class, immediate = true)
public class VafaMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final VafaEventLog eventLog;
    private static final int MAX_REQUEST_SERIES = 300;
    private static final java.util.Set<String> METHODS = java.util.Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    private final Map<String, Timer> requests = new ConcurrentHashMap<>();
    /** The subscriptions as the last scrape saw them; the meters read these. */
    private final Map<String, EventTransport.SubscriptionState> subscriptions = new ConcurrentHashMap<>();
    private final MultiGauge backlog;
    private final MultiGauge parked;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private ServiceRegistration<MeterRegistry> registration;

    @Activate
    public VafaMetrics(@Reference VafaEventLog eventLog, @Reference VafaDatabase database, @Reference ClusterSingletons cluster,
                       BundleContext context) {
        this.eventLog = eventLog;
        registry.config().commonTags("node", cluster.nodeId());
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        pool(database.dataSource());
        backlog = MultiGauge.builder("vafa.events.subscription.backlog").description("Events not yet handled by the subscription"
                + " (every node's; -1 when the broker does not say)").register(registry);
        parked = MultiGauge.builder("vafa.events.subscription.parked").description("Deliveries parked after every attempt failed")
                .register(registry);
        Gauge.builder("vafa.events.log.end", eventLog, log -> log.store().lastSequence()).description("The event log's last position")
                .register(registry);
        registration = context.registerService(MeterRegistry.class, registry, new Hashtable<>(Map.of("name", "vafa")));
    }

    @Deactivate
    void stop() {
        if (registration != null) {
            registration.unregister();
        }
        gc.close();
        registry.close();
    }

    private void pool(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
            poolGauge("active", pool, HikariPoolMXBean::getActiveConnections);
            poolGauge("idle", pool, HikariPoolMXBean::getIdleConnections);
            poolGauge("total", pool, HikariPoolMXBean::getTotalConnections);
            poolGauge("pending", pool, HikariPoolMXBean::getThreadsAwaitingConnection);
            Gauge.builder("vafa.db.pool.max", hikari, HikariDataSource::getMaximumPoolSize).register(registry);
        }
    }

    private void poolGauge(String state, HikariPoolMXBean pool, ToDoubleFunction<HikariPoolMXBean> value) {
        Gauge.builder("vafa.db.pool.connections", pool, value).tag("state", state).description("Database connections of the pool")
                .register(registry);
    }

    /** One REST request answered: its area ({@code /api/<area>/...}), method, status and time. */
    public void request(String area, String method, int status, long nanos) {
        if (!METHODS.contains(method)) {
            method = "OTHER";
        }
        String key = area + ' ' + method + ' ' + status;
        if (requests.size() >= MAX_REQUEST_SERIES && !requests.containsKey(key)) {
            area = "other"; // a client asking for made-up areas must not grow the metrics without end
            key = area + ' ' + method + ' ' + status;
        }
        String a = area;
        String m = method;
        requests.computeIfAbsent(key, k -> Timer.builder("vafa.http.server.requests")
                .description("REST requests by area, method and status").tags("area", a, "method", m, "status",
                        Integer.toString(status)).publishPercentileHistogram().register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The Prometheus text of every meter, the subscriptions' read now. */
    public String scrape() {
        List<EventTransport.SubscriptionState> states = eventLog.transport().subscriptions();
        for (EventTransport.SubscriptionState s : states) {
            if (subscriptions.put(s.name(), s) == null) {
                FunctionCounter.builder("vafa.events.subscription.handled", subscriptions, m -> handled(m, s.name()))
                        .description("Events this node's member of the subscription handled since it started").tag("subscription", s.name())
                        .register(registry);
            }
        }
        backlog.register(states.stream().map(s -> MultiGauge.Row.of(Tags.of("subscription", s.name()), s.backlog())).toList(), true);
        parked.register(states.stream().map(s -> MultiGauge.Row.of(Tags.of("subscription", s.name()), s.parked())).toList(), true);
        return registry.scrape();
    }

    private static double handled(Map<String, EventTransport.SubscriptionState> states, String name) {
        EventTransport.SubscriptionState s = states.get(name);
        return s == null ? 0 : s.handled();
    }

    public MeterRegistry registry() {
        return registry;
    }
}
