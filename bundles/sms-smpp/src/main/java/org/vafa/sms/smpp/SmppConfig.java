package org.vafa.sms.smpp;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.sms.smpp}: the gateway starts once the SMSC's address and account are set (no defaults for them). */
@ObjectClassDefinition(name = "Vafa SMS: SMPP", description = "An SMSC (operator or aggregator) over SMPP 3.4")
public @interface SmppConfig {

    @AttributeDefinition(description = "The SMSC's host")
    String host();

    @AttributeDefinition(description = "The SMSC's port")
    int port() default 2775;

    @AttributeDefinition(description = "The account (system_id, at most 15 characters)")
    String systemId();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The account's password (at most 8 characters in SMPP 3.4; never logged)")
    String password();

    @AttributeDefinition(description = "system_type, if the SMSC wants one")
    String systemType() default "";

    @AttributeDefinition(description = "The line messages are sent from (source_addr), unless a message type has its own")
    String sourceAddress() default "";

    @AttributeDefinition(description = "Milliseconds between enquire_link keep-alives")
    int enquireLinkTimer() default 30000;
}
