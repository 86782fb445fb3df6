package org.vafa.sms.kavenegar;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.sms.kavenegar}: the gateway starts once {@code apiKey} is set (there is no default key). */
@ObjectClassDefinition(name = "Vafa SMS: Kavenegar", description = "The Kavenegar REST API as an SMS gateway")
public @interface KavenegarConfig {

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The account's API key (never logged)")
    String apiKey();

    @AttributeDefinition(description = "The line messages are sent from (empty: the account's default line)")
    String sender() default "";

    @AttributeDefinition(description = "The API's address")
    String baseUrl() default "https://api.kavenegar.com";

    @AttributeDefinition(description = "Seconds between asking the status API about accepted messages")
    int statusPollSeconds() default 60;

    @AttributeDefinition(description = "Seconds to wait for the API")
    int timeoutSeconds() default 10;
}
