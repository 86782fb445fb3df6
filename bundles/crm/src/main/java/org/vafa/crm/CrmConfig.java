package org.vafa.crm;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.crm}; the defaults below are the only ones. */
@ObjectClassDefinition(name = "Vafa CRM", description = "The customer file, staff and tickets")
public @interface CrmConfig {

    @AttributeDefinition(description = "The ticket categories members and staff choose from, comma-separated")
    String ticketCategories() default "complaint,question,suggestion,warranty";
}
