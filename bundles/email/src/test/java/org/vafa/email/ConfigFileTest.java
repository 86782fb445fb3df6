package org.vafa.email;

import org.junit.jupiter.api.Test;
import org.vafa.core.ConfigFileCheck;

/** The commented etc/*.cfg this plugin's feature ships says every setting with its default. */
class ConfigFileTest {
    @Test
    void theShippedConfigFileMatchesTheTypedConfiguration() throws Exception {
        ConfigFileCheck.assertDescribes("org.vafa.email", org.vafa.email.EmailConfig.class);
        ConfigFileCheck.assertDescribes("org.vafa.email.smtp", org.vafa.email.transports.SmtpConfig.class);
    }
}
