package org.vafa.crm.api;

import java.time.Instant;
import java.util.List;

/**
 * What the CRM tells another plugin while a person waits (the register's lookup shows a member's open tickets): the
 * CRM's published service, the only package its bundle exports. Callers hold it optionally: they work without the CRM.
 */
public interface CrmTickets {

    /** The member's tickets not yet resolved, newest first (empty when the member has none or no file). */
    List<OpenTicket> openTickets(String memberId);

    /** A ticket as a seller needs to see it: {@code dueAt} null while it waits on the customer. */
    record OpenTicket(long number, String category, String subject, String status, Instant filedAt, Instant dueAt) {
    }
}
