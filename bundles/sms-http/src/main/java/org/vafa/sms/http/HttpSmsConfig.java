package org.vafa.sms.http;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PID {@code org.vafa.sms.http}: a provider's HTTP API described by configuration. In {@code url} and
 * {@code body}: {@code {to}} (E.164), {@code {toLocal}} (0912...), {@code {toDigits}} (98912...),
 * {@code {text}}, {@code {sender}}, {@code {id}} (the outbox id) — encoded for where they stand (URL and
 * form: URL-encoded; JSON: escaped).
 */
@ObjectClassDefinition(name = "Vafa SMS: generic HTTP", description = "Any HTTP SMS provider, by configuration")
public @interface HttpSmsConfig {

    @AttributeDefinition(description = "The send URL, e.g. https://sms.example.com/api/send?to={to}")
    String url();

    @AttributeDefinition(description = "GET or POST")
    String method() default "POST";

    @AttributeDefinition(description = "form (application/x-www-form-urlencoded) or json")
    String bodyType() default "json";

    @AttributeDefinition(description = "The body, e.g. {\"to\": \"{to}\", \"text\": \"{text}\", \"from\": \"{sender}\"}")
    String body() default "{\"to\": \"{to}\", \"text\": \"{text}\", \"from\": \"{sender}\", \"reference\": \"{id}\"}";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Authorization header value, e.g. Bearer <token> (never logged)")
    String authorization() default "";

    @AttributeDefinition(description = "The line messages are sent from, unless a message type has its own")
    String sender() default "";

    @AttributeDefinition(description = "JSON pointer to the provider's message id in the answer, e.g. /messageId (empty: none)")
    String idPointer() default "";

    @AttributeDefinition(description = "HTTP statuses to try again later (besides no answer and 5xx), e.g. 429,408")
    String retryStatuses() default "408,425,429";

    @AttributeDefinition(description = "Seconds to wait for the provider")
    int timeoutSeconds() default 10;
}
