package org.vafa.shop.erp.kafka;

import org.junit.jupiter.api.Test;
import org.vafa.core.ConfigFileCheck;

/** The commented etc/*.cfg.example this feed's feature ships says every setting with its default. */
class ConfigFileTest {
    @Test
    void theShippedConfigFileMatchesTheTypedConfiguration() throws Exception {
        ConfigFileCheck.assertDescribes("org.vafa.shop.erp.kafka", ErpKafkaConfig.class);
    }
}
