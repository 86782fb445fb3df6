package org.vafa.pos.crm;

import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.crm.api.CrmTickets;
import org.vafa.pos.sales.OpenTickets;

/**
 * The CRM's open tickets for the lookup. The only class of the register that names the CRM: without the CRM it stays
 * unsatisfied and is never loaded, so the register neither needs the CRM's package nor its service.
 */
@Component(service = OpenTickets.class)
public class CrmOpenTickets implements OpenTickets {
    private final CrmTickets crm;

    @Activate
    public CrmOpenTickets(@Reference CrmTickets crm) {
        this.crm = crm;
    }

    @Override
    public List<?> of(String memberId) {
        return crm.openTickets(memberId);
    }
}
