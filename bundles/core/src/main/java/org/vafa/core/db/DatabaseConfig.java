package org.vafa.core.db;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.database} ({@code etc/org.vafa.database.cfg}); the defaults below are the only ones. */
@ObjectClassDefinition(name = "Vafa database",
        description = "The one database all plugins share. Environment variables VAFA_DB_URL, VAFA_DB_USER and"
                + " VAFA_DB_PASSWORD override these settings.")
public @interface DatabaseConfig {

    @AttributeDefinition(description = "JDBC URL, e.g. jdbc:postgresql://db.example:5432/vafa. Empty: the embedded"
            + " H2 file database in the Karaf data folder (data/vafa/vafa.mv.db).")
    String url() default "";

    @AttributeDefinition(required = false, description = "Database user")
    String user() default "";

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD, description = "Database password")
    String password() default "";

    @AttributeDefinition(description = "Largest number of pooled connections")
    int maximumPoolSize() default 10;
}
