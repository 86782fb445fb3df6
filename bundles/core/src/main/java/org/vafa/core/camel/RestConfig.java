package org.vafa.core.camel;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.rest}; the defaults below are the only ones. */
@ObjectClassDefinition(name = "Vafa REST", description = "The HTTP endpoint of the REST API (camel-jetty)")
public @interface RestConfig {

    @AttributeDefinition(description = "Address to listen on (0.0.0.0: every interface; 127.0.0.1: this machine only)")
    String host() default "0.0.0.0";

    @AttributeDefinition(description = "Port of the REST API (under /api)")
    int port() default 8181;

    @AttributeDefinition(description = "Largest request body accepted, in bytes; larger ones get 413 before they are read")
    int maxBodyBytes() default 1_048_576;

    @AttributeDefinition(description = "Requests per second per API key, by the key's scope (scope=number; * for the others)")
    String rateLimits() default "admin=500, pos=50, *=100";

    @AttributeDefinition(description = "Member lookups by mobile or card (GET with ?mobile= or ?card=) per minute per API key;"
            + " admin keys are not limited")
    int memberLookupsPerMinute() default 120;

    @AttributeDefinition(description = "Serve HTTPS instead of HTTP (needs tlsKeystore and its password)")
    boolean tlsEnabled() default false;

    @AttributeDefinition(description = "Keystore (PKCS12) with the server's key and certificate; relative paths are under etc/")
    String tlsKeystore() default "";

    @AttributeDefinition(description = "Environment variable that holds the keystore's password (never written in a file)")
    String tlsKeystorePasswordEnv() default "VAFA_TLS_KEYSTORE_PASSWORD";
}
