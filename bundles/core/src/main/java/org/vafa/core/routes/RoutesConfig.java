package org.vafa.core.routes;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.routes}; the defaults below are the only ones. */
@ObjectClassDefinition(name = "Vafa route deployer", description = "Deploys route files and redeploys them when they change")
public @interface RoutesConfig {

    @AttributeDefinition(description = "Folder of route files (*.camel.yaml, *.camel.xml). Empty: routes/ in the Karaf base folder")
    String folder() default "";

    @AttributeDefinition(description = "Quiet time (ms) after the last change to a file before it is deployed")
    long debounceMs() default 100;

    @AttributeDefinition(description = "How often (ms) files that failed to start are tried again (e.g. waiting for a plugin)")
    long retryMs() default 5000;
}
