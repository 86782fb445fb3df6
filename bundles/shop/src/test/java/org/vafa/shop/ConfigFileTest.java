package org.vafa.shop;

import org.junit.jupiter.api.Test;
import org.vafa.core.ConfigFileCheck;

/** The commented etc/*.cfg this plugin's feature ships says every setting with its default. */
class ConfigFileTest {
    @Test
    void theShippedConfigFileMatchesTheTypedConfiguration() throws Exception {
        ConfigFileCheck.assertDescribes("org.vafa.shop", ShopConfig.class);
    }

    @Test
    void theTorobFeedsExampleFileMatchesItsConfiguration() throws Exception {
        ConfigFileCheck.assertDescribes("org.vafa.shop.torob", org.vafa.shop.torob.TorobConfig.class);
    }
}
