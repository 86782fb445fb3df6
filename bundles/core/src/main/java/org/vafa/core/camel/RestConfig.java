package org.vafa.core.camel;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.rest}; the defaults below are the only ones. */
@ObjectClassDefinition(name = "Vafa REST", description = "The HTTP endpoint of the REST API (camel-jetty)")
public @interface RestConfig {

    @AttributeDefinition(description = "Address to listen on")
    String host() default "0.0.0.0";

    @AttributeDefinition(description = "HTTP port of the REST API (under /api)")
    int port() default 8181;

    @AttributeDefinition(description = "Largest request body accepted, in bytes; larger ones get 413")
    int maxBodyBytes() default 1_048_576;
}
