package org.vafa.shop.erp.kafka;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.shop.erp.kafka}: the Kafka cluster whose stock topic routes/erp-kafka-stock.camel.yaml reads. */
@ObjectClassDefinition(name = "Vafa shop: ERP stock topic", description = "The Kafka cluster the ERP publishes its stock changes to")
public @interface ErpKafkaConfig {

    @AttributeDefinition(description = "The cluster's bootstrap servers, host:port[,host:port...] (the topic, consumer group and batch size"
            + " are in the route file)")
    String bootstrapServers();
}
