package org.vafa.core.members;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.signin}; the defaults below are the only ones. */
@ObjectClassDefinition(name = "Vafa member sign-in", description = "Members sign in with their mobile and a one-time code sent by SMS")
public @interface SignInConfig {

    @AttributeDefinition(description = "Seconds a one-time code is valid")
    int codeSeconds() default 120;

    @AttributeDefinition(description = "Wrong codes allowed before the code is void and a new one must be asked for")
    int attempts() default 5;

    @AttributeDefinition(description = "Seconds before a new code may be sent to the same number")
    int resendSeconds() default 60;

    @AttributeDefinition(description = "Codes sent to one number per hour at most")
    int codesPerHour() default 5;

    @AttributeDefinition(description = "Codes asked for from one client address per hour at most (against texting many numbers at our cost)")
    int codesPerAddressPerHour() default 20;

    @AttributeDefinition(description = "Minutes a member's session token is valid after sign-in")
    int sessionMinutes() default 30;
}
