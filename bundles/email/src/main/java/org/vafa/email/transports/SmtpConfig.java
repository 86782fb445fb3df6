package org.vafa.email.transports;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.email.smtp}; the defaults below are the only ones (no password is shipped). */
@ObjectClassDefinition(name = "Vafa email over SMTP", description = "The SMTP server mail goes through when transport = smtp")
public @interface SmtpConfig {

    @AttributeDefinition(description = "SMTP server")
    String host() default "localhost";

    @AttributeDefinition(description = "SMTP port (25, 587 with STARTTLS, 465 with smtps)")
    int port() default 25;

    @AttributeDefinition(description = "smtp or smtps (TLS from the start)")
    String protocol() default "smtp";

    @AttributeDefinition(description = "Use STARTTLS")
    boolean startTls() default false;

    @AttributeDefinition(description = "SMTP user (empty: no login)")
    String username() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "SMTP password (never logged)")
    String password() default "";
}
