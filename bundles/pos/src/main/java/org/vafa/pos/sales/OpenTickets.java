package org.vafa.pos.sales;

import java.util.List;

/** A member's open tickets for the register's lookup, when the CRM is installed (see org.vafa.pos.crm). */
public interface OpenTickets {
    /** Plain records, as the lookup shows them. */
    List<?> of(String memberId);
}
