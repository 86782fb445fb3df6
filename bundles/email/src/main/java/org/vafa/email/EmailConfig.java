package org.vafa.email;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.email}; the defaults below are the only ones (no password is shipped). */
@ObjectClassDefinition(name = "Vafa email", description = "Mail to members and staff")
public @interface EmailConfig {

    @AttributeDefinition(description = "dev: write each mail as an .eml file to data/email/ (the embedded default); smtp: send it")
    String transport() default "dev";

    @AttributeDefinition(description = "SMTP server")
    String smtpHost() default "localhost";

    @AttributeDefinition(description = "SMTP port (25, 587 with STARTTLS, 465 with smtps)")
    int smtpPort() default 25;

    @AttributeDefinition(description = "smtp or smtps (TLS from the start)")
    String smtpProtocol() default "smtp";

    @AttributeDefinition(description = "Use STARTTLS")
    boolean startTls() default false;

    @AttributeDefinition(description = "SMTP user (empty: no login)")
    String username() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "SMTP password (never logged)")
    String password() default "";

    @AttributeDefinition(description = "The sender, e.g. Club <club@example.com>")
    String from() default "Vafa <club@localhost>";

    @AttributeDefinition(description = "Language of the templates used for members (fa or en)")
    String language() default "fa";
}
