package org.vafa.core.operators;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.console}; the defaults below are the only ones. */
@ObjectClassDefinition(name = "Vafa operator sign-in", description = "Operators (Karaf JAAS users) sign in to the console")
public @interface OperatorConfig {

    @AttributeDefinition(description = "The JAAS realm operators are checked against (Karaf's users in etc/users.properties by default)")
    String realm() default "karaf";

    @AttributeDefinition(description = "Which API scopes each role gives, role=scope;scope, comma-separated (an operator gets the scopes of"
            + " all their roles; a role not named gives none)")
    String roleScopes() default "admin=admin, club-staff=club;crm;shop;pos, support-expert=crm, branch-supervisor=pos;club";

    @AttributeDefinition(description = "Minutes a console session lasts after sign-in")
    int sessionMinutes() default 480;

    @AttributeDefinition(description = "Sign-in attempts per minute for one user name from one client address")
    int attemptsPerMinute() default 5;
}
