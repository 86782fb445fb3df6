package org.vafa.shop.webhook;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.shop.webhook}: the storefront is told once {@code url} and {@code secret} are set. */
@ObjectClassDefinition(name = "Vafa shop: signed webhook", description = "Any storefront told of availability changes by a signed JSON POST")
public @interface WebhookConfig {

    @AttributeDefinition(description = "Where the batches are POSTed (use HTTPS)")
    String url();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The shared secret the body is signed with: header X-Vafa-Signature:"
            + " sha256=<hex HMAC-SHA256 of the body> (never logged)")
    String secret();

    @AttributeDefinition(description = "SKUs in one POST at most")
    int batchSize() default 100;

    @AttributeDefinition(description = "Seconds to wait for the storefront")
    int timeoutSeconds() default 10;
}
