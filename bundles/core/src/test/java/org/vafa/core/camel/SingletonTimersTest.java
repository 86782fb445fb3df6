package org.vafa.core.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.vafa.api.cluster.ClusterSingletons;

/** A timer route's steps run only while this node leads the route; other routes are not asked. */
class SingletonTimersTest {
    @Test
    void aTimerRouteRunsOnlyWhereItsLeaseIs() throws Exception {
        AtomicBoolean leading = new AtomicBoolean(false);
        AtomicInteger asked = new AtomicInteger();
        ClusterSingletons cluster = new ClusterSingletons() {
            public String nodeId() {
                return "test";
            }

            public boolean leads(String singleton) {
                assertThat(singleton).isEqualTo("route:tick");
                asked.incrementAndGet();
                return leading.get();
            }

            public void release(String singleton) {
            }

            public List<Holder> holders() {
                return List.of(new Holder("route:tick", "test", Instant.now(), false));
            }
        };
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger direct = new AtomicInteger();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutePolicyFactory(new SingletonTimers(cluster));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("timer:tick?period=10").routeId("tick").process(e -> ran.incrementAndGet());
                    from("direct:in").routeId("in").process(e -> direct.incrementAndGet());
                }
            });
            camel.start();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (asked.get() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(asked.get()).as("the timer fired").isGreaterThanOrEqualTo(5);
            assertThat(ran.get()).as("no step ran while another node leads").isZero();

            leading.set(true);
            while (ran.get() < 3 && System.nanoTime() < deadline + 5_000_000_000L) {
                Thread.sleep(10);
            }
            assertThat(ran.get()).as("runs once this node leads").isGreaterThanOrEqualTo(3);
            camel.createProducerTemplate().sendBody("direct:in", "x");
            assertThat(direct.get()).as("a route that is not a timer is not a singleton").isEqualTo(1);
        }
    }
}
