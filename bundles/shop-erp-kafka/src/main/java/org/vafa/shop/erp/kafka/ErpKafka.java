package org.vafa.shop.erp.kafka;

import java.util.Dictionary;
import java.util.Hashtable;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.BatchManualCommit;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.camel.component.kafka.KafkaClientFactory;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * What the feed route needs from the configuration, as beans: {@code erpKafkaClients} (camel-kafka's client factory,
 * connecting to the configured bootstrap servers, so the route file names no address) and {@code erpKafkaCommit}
 * (camel-kafka's own batch commit: the offsets of a batch, committed after the stock it carried was applied). The route
 * waits for them until the PID is configured.
 */
@Component(service = ErpKafka.class, immediate = true, configurationPid = "org.vafa.shop.erp.kafka",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ErpKafkaConfig.class)
public class ErpKafka {
    private final ServiceRegistration<KafkaClientFactory> clients;
    private final ServiceRegistration<Processor> commit;

    @Activate
    public ErpKafka(BundleContext context, ErpKafkaConfig config) {
        if (config.bootstrapServers() == null || !config.bootstrapServers().strip().matches("[A-Za-z0-9._\\[\\]:-]+(,[A-Za-z0-9._\\[\\]:-]+)*")) {
            throw new IllegalStateException("org.vafa.shop.erp.kafka: bootstrapServers is host:port[,host:port...]");
        }
        String servers = config.bootstrapServers().strip();
        clients = context.registerService(KafkaClientFactory.class, new DefaultKafkaClientFactory() {
            @Override
            public String getBrokers(KafkaConfiguration configuration) {
                return servers;
            }
        }, named("erpKafkaClients"));
        commit = context.registerService(Processor.class, new BatchManualCommit(), named("erpKafkaCommit"));
    }

    private static Dictionary<String, Object> named(String name) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", name);
        return properties;
    }

    @Deactivate
    void deactivate() {
        commit.unregister();
        clients.unregister();
    }
}
