package org.vafa.crm;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.crm}; the defaults below are the only ones. */
@ObjectClassDefinition(name = "Vafa CRM", description = "The customer file, staff and tickets")
public @interface CrmConfig {

    @AttributeDefinition(description = "The ticket categories members and staff choose from, comma-separated")
    String ticketCategories() default "complaint,question,suggestion,warranty";

    @AttributeDefinition(description = "The working week SLA clocks run in (platform time zone): days from Saturday, e.g."
            + " SAT-WED 08:00-17:00; THU 08:00-13:00 (the rest closed; 24:00 ends a day)")
    String businessWeek() default "SAT-WED 08:00-17:00; THU 08:00-13:00";

    @AttributeDefinition(description = "Holidays when the SLA clocks stop, ISO dates, comma-separated")
    String holidays() default "";

    @AttributeDefinition(description = "Working time to acknowledge a ticket, per priority (s, m, h); past it the ticket is"
            + " escalated to the next person in the chain (expert, supervisor, manager)")
    String firstResponse() default "low=8h,normal=4h,high=1h,urgent=30m";

    @AttributeDefinition(description = "Working time to resolve a ticket once acknowledged, per priority; the clock pauses while"
            + " the ticket waits on the customer")
    String resolution() default "low=40h,normal=16h,high=8h,urgent=4h";

    @AttributeDefinition(description = "Working time left on an SLA deadline at which whoever holds the ticket is warned, per priority"
            + " (empty: no warnings); once per deadline")
    String slaWarning() default "low=1h,normal=30m,high=15m,urgent=10m";

    @AttributeDefinition(description = "Value added tax on proformas and invoices, a whole percent")
    int vatPercent() default 10;

    @AttributeDefinition(description = "Where members reach this server from their phones: links sent by SMS (a ticket's satisfaction"
            + " question) start with it")
    String linkBaseUrl() default "http://localhost:8181";

    @AttributeDefinition(description = "Days a closed ticket's satisfaction link stays valid")
    int ratingLinkDays() default 14;
}
