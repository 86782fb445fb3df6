package org.vafa.email;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PID {@code org.vafa.email}; the defaults below are the only ones. The SMTP server is the smtp transport's own
 * setting (PID {@code org.vafa.email.smtp}); the language of the templates is the platform's ({@code org.vafa.locale}).
 */
@ObjectClassDefinition(name = "Vafa email", description = "Mail to members and staff")
public @interface EmailConfig {

    @AttributeDefinition(description = "The transport mail leaves through (a transport's 'transport' name): dev writes each mail as"
            + " an .eml file to data/email/ (the embedded default), smtp sends it; change it to swap transports while the server runs")
    String transport() default "dev";

    @AttributeDefinition(description = "The sender, e.g. Club <club@example.com>")
    String from() default "Vafa <club@localhost>";
}
