package org.vafa.crm.tickets;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.links.SignedLinks;
import org.vafa.crm.CrmConfig;

/**
 * The satisfaction link texted when a ticket is closed ({@code bean:crmRatingLinks?method=withLink} in
 * routes/crm-ticket-sms.camel.yaml): signed by the server for the ticket, valid {@code ratingLinkDays} from closing,
 * the same link however often the event is delivered; answered once at {@code /api/public/ratings/<token>}.
 */
@Component(service = RatingLinks.class, property = "name=crmRatingLinks", configurationPid = "org.vafa.crm")
public class RatingLinks {
    static final String PURPOSE = "ticket-rating";
    public static final String PATH = "/api/public/ratings/";

    private final SignedLinks links;
    private final Tickets tickets;
    private volatile CrmConfig config;

    @Activate
    public RatingLinks(@Reference SignedLinks links, @Reference Tickets tickets, CrmConfig config) {
        this.links = links;
        this.tickets = tickets;
        this.config = config;
    }

    @Modified
    void modified(CrmConfig config) {
        this.config = config;
    }

    /** For routes: the event's data with {@code ratingLink} added, for the SMS template. */
    public Map<String, Object> withLink(Map<String, Object> ticketEvent) {
        String ticketId = String.valueOf(ticketEvent.get("ticketId"));
        Instant closed = tickets.closedAt(ticketId).orElseThrow(() -> new IllegalArgumentException("Ticket " + ticketId + " is not closed"));
        CrmConfig c = config;
        Map<String, Object> data = new HashMap<>(ticketEvent);
        data.put("ratingLink", c.linkBaseUrl().replaceAll("/+$", "") + PATH
                + links.sign(PURPOSE, ticketId, closed.plus(Duration.ofDays(c.ratingLinkDays()))));
        return data;
    }

    /** The ticket a genuine, unexpired link is for. */
    public Optional<String> ticketOf(String token) {
        return links.verify(PURPOSE, token);
    }
}
