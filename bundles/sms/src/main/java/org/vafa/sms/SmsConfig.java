package org.vafa.sms;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.sms}; the defaults below are the only ones. */
@ObjectClassDefinition(name = "Vafa SMS", description = "Text messages: the active gateway, courtesy, retries")
public @interface SmsConfig {

    @AttributeDefinition(description = "The gateway messages go out through (an adapter's 'gateway' name: dev, smpp, kavenegar,"
            + " http); change it to swap gateways while the server runs")
    String gateway() default "dev";

    @AttributeDefinition(description = "Sender line per message type, 'type=line' separated by commas; '*' for the rest"
            + " (empty: the gateway's default line)")
    String senderLines() default "";

    @AttributeDefinition(description = "Message types that are marketing: sent only to members who consented to SMS")
    String marketingTypes() default "birthday,campaign,tier-upgrade";

    @AttributeDefinition(description = "Message types that are urgent: sent at any hour and even to numbers that opted out"
            + " (e.g. verification codes)")
    String urgentTypes() default "verification-code";

    @AttributeDefinition(description = "Quiet hours (in the time zone of org.vafa.locale): other messages wait until they end;"
            + " HH:mm-HH:mm, empty for none")
    String quietHours() default "22:00-08:00";

    @AttributeDefinition(description = "At most this many messages per second through the gateway")
    int ratePerSecond() default 20;

    @AttributeDefinition(description = "A message the gateway cannot take is retried after 5 s, doubling up to this many seconds")
    int maxBackoffSeconds() default 600;

    @AttributeDefinition(description = "After this many failed attempts a message is parked with the reason")
    int maxAttempts() default 20;
}
