package org.vafa.core;

import org.junit.jupiter.api.Test;

/** The platform's shipped etc/*.cfg files say every setting with its default. */
class ConfigFilesTest {
    @Test
    void theShippedConfigFilesMatchTheTypedConfiguration() throws Exception {
        ConfigFileCheck.assertDescribes("org.vafa.database", org.vafa.core.db.DatabaseConfig.class);
        ConfigFileCheck.assertDescribes("org.vafa.events", org.vafa.core.events.EventsConfig.class);
        ConfigFileCheck.assertDescribes("org.vafa.cluster", org.vafa.core.cluster.ClusterConfig.class);
        ConfigFileCheck.assertDescribes("org.vafa.locale", org.vafa.core.locale.LocaleConfig.class);
        ConfigFileCheck.assertDescribes("org.vafa.rest", org.vafa.core.camel.RestConfig.class);
        ConfigFileCheck.assertDescribes("org.vafa.routes", org.vafa.core.routes.RoutesConfig.class);
        ConfigFileCheck.assertDescribes("org.vafa.signin", org.vafa.core.members.SignInConfig.class);
        ConfigFileCheck.assertDescribes("org.vafa.console", org.vafa.core.operators.OperatorConfig.class);
    }
}
