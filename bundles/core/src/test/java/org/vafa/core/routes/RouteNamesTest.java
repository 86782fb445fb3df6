package org.vafa.core.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What an operator (or an admin key) may name a route file, and which beans a route's endpoints call. */
class RouteNamesTest {

    @Test
    void onlyPlainRouteFileNamesAreAccepted() {
        assertThat(RouteDeployer.checkName("club-daily.camel.yaml")).isEqualTo("club-daily.camel.yaml");
        assertThat(RouteDeployer.checkName("Stock_Sync.2.camel.xml")).isEqualTo("Stock_Sync.2.camel.xml");
        for (String bad : new String[] {"../etc/users.camel.yaml", "a/b.camel.yaml", ".hidden.camel.yaml", "x.yaml", "x.camel.yaml.bak",
                "x..camel.yaml", "", "x y.camel.yaml", "%2e%2e.camel.yaml"}) {
            assertThatThrownBy(() -> RouteDeployer.checkName(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> RouteDeployer.checkName(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBeanABeanEndpointCallsIsItsName() {
        assertThat(RouteDeployer.beanName("bean:crmTimeline?method=record")).isEqualTo("crmTimeline");
        assertThat(RouteDeployer.beanName("bean://smsMessages")).isEqualTo("smsMessages");
        assertThat(RouteDeployer.beanName("bean:#ref")).isNull();
        assertThat(RouteDeployer.beanName("bean:type:org.x.Y")).isNull();
        assertThat(RouteDeployer.beanName("direct:x")).isNull();
    }
}
