package org.vafa.crm.rest;

import static org.vafa.api.rest.RestJson.answer;
import static org.vafa.api.rest.RestJson.jsonBody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestHeaders;
import org.vafa.api.rest.RestJson;
import org.vafa.crm.customers.Customers;
import org.vafa.crm.documents.Documents;
import org.vafa.crm.tickets.RatingLinks;
import org.vafa.crm.tickets.Tickets;

/**
 * The CRM for the signed-in member under {@code /api/me} (their own tickets and proformas only: another member's is a
 * 404, as if it did not exist), and the satisfaction question behind the link texted at a ticket's closing under
 * {@code /api/public/ratings/<token>}.
 */
@Component(service = RoutesBuilder.class)
public class CrmMemberRestRoutes extends RouteBuilder {
    private static final String JSON = "application/json";

    private final Customers customers;
    private final Tickets tickets;
    private final Documents documents;
    private final RatingLinks ratingLinks;

    /** A member's own ticket with the replies meant for them (internal notes are not). */
    public record MyTicket(Tickets.Ticket ticket, List<Tickets.Reply> replies, Tickets.Rating rating) {
    }

    /** What the satisfaction link shows before it is answered. */
    public record RatingQuestion(long number, String subject, String status, boolean answered, String questionFa, String questionEn) {
    }

    public record RatingAnswer(String rating, String comment) {
    }

    @Activate
    public CrmMemberRestRoutes(@Reference Customers customers, @Reference Tickets tickets, @Reference Documents documents,
                               @Reference RatingLinks ratingLinks) {
        this.customers = customers;
        this.tickets = tickets;
        this.documents = documents;
        this.ratingLinks = ratingLinks;
    }

    @Override
    public void configure() {
        rest("/me/tickets").description("The signed-in member's tickets")
                .post().id("api-me-ticket-file").consumes(JSON).produces(JSON).type(Tickets.NewTicket.class).outType(Tickets.Ticket.class)
                .description("{category, subject, text, priority?, reference? (a sale or order)}: the responsible expert is texted at once")
                .to("direct:me-ticket-file")
                .get().id("api-me-tickets").produces(JSON).outType(Tickets.Ticket[].class).description("The member's tickets, newest first")
                .to("direct:me-tickets")
                .get("/{id}").id("api-me-ticket").produces(JSON).outType(MyTicket.class)
                .description("One of the member's tickets with the replies to them (404 for anyone else's)").to("direct:me-ticket")
                .post("/{id}/replies").id("api-me-ticket-reply").consumes(JSON).produces(JSON).outType(Tickets.Reply.class)
                .description("{text}: the member answers; a ticket waiting on them or resolved goes back to work").to("direct:me-ticket-reply")
                .post("/{id}/rating").id("api-me-ticket-rating").consumes(JSON).produces(JSON).type(RatingAnswer.class)
                .outType(Tickets.Rating.class)
                .description("{rating: good|bad, comment?}: once a ticket is resolved; recorded once (409 after)").to("direct:me-ticket-rating");
        rest("/me/ticket-categories").description("What a member can file a ticket about")
                .get().id("api-me-ticket-categories").produces(JSON).outType(String[].class)
                .description("The ticket categories (PID org.vafa.crm ticketCategories), in the configured order")
                .to("direct:me-ticket-categories");
        rest("/me/proformas").description("The signed-in member's proformas")
                .post().id("api-me-proforma").consumes(JSON).produces(JSON).type(Documents.NewProforma.class).outType(Documents.Document.class)
                .description("{currency?, lines: [{sku, name?, quantity, unitPrice}]}: a proforma with VAT; an expert follows it up")
                .to("direct:me-proforma")
                .get().id("api-me-proformas").produces(JSON).outType(Documents.Document[].class)
                .description("The member's proformas, invoices and dispatch notes, newest first").to("direct:me-documents");
        rest("/public/ratings").description("The satisfaction question texted when a ticket is closed (the signed link is the authority)")
                .get("/{token}").id("api-public-rating").produces(JSON).outType(RatingQuestion.class)
                .description("The ticket the link is about, and whether it was answered (reading does not use the link up)")
                .to("direct:public-rating")
                .post("/{token}").id("api-public-rating-answer").consumes(JSON).produces(JSON).type(RatingAnswer.class)
                .outType(Tickets.Rating.class)
                .description("{rating: good|bad, comment?}: recorded once (409 after); an altered or expired link is 404")
                .to("direct:public-rating-answer");

        from("direct:me-ticket-file").routeId("me-ticket-file").process(e -> {
            Tickets.Ticket ticket = tickets.file(Tickets.NewTicket.read(asMember(e)), by(e));
            e.getMessage().setHeader("Location", "/api/me/tickets/" + ticket.id());
            answer(e, 201, tree(ticket));
        });
        from("direct:me-tickets").routeId("me-tickets").process(e -> answer(e, 200, tree(customer(e)
                .map(c -> tickets.list(null, null, c.id(), 200)).orElse(List.of()))));
        from("direct:me-ticket").routeId("me-ticket").process(e -> {
            Tickets.Ticket t = own(e);
            answer(e, 200, tree(new MyTicket(t, tickets.replies(t.id()).stream().filter(r -> !r.kind().equals("note")).toList(),
                    tickets.rating(t.id()).orElse(null))));
        });
        from("direct:me-ticket-reply").routeId("me-ticket-reply").process(e -> {
            Fields f = new Fields(jsonBody(e), Set.of("text"));
            answer(e, 201, tree(tickets.reply(own(e).id(), "customer", f.text("text", true, 4000), by(e))));
        });
        from("direct:me-ticket-rating").routeId("me-ticket-rating").process(e -> {
            RatingAnswer a = answerOf(jsonBody(e));
            answer(e, 201, tree(tickets.rate(own(e).id(), null, a.rating(), a.comment(), by(e))));
        });
        from("direct:me-proforma").routeId("me-proforma").process(e -> {
            Documents.Document d = documents.proforma(Documents.NewProforma.read(asMember(e)), by(e));
            e.getMessage().setHeader("Location", "/api/me/proformas/" + d.id());
            answer(e, 201, tree(d));
        });
        from("direct:me-ticket-categories").routeId("me-ticket-categories").process(e -> answer(e, 200, tree(tickets.categories())));
        from("direct:me-documents").routeId("me-documents").process(e -> answer(e, 200, tree(customer(e)
                .map(c -> documents.list(c.id(), null, 200)).orElse(List.of()))));
        from("direct:public-rating").routeId("public-rating").process(e -> {
            Tickets.Ticket t = linked(e);
            answer(e, 200, tree(new RatingQuestion(t.number(), t.subject(), t.status(), tickets.rating(t.id()).isPresent(),
                    "از پاسخ ما به تیکت " + t.number() + " راضی بودید؟", "Were you satisfied with our answer to ticket " + t.number() + "?")));
        });
        from("direct:public-rating-answer").routeId("public-rating-answer").process(e -> {
            Tickets.Ticket t = linked(e);
            RatingAnswer a = answerOf(jsonBody(e));
            answer(e, 201, tree(tickets.rate(t.id(), null, a.rating(), a.comment(), "link")));
        });
    }

    private static RatingAnswer answerOf(JsonNode body) {
        Fields f = new Fields(body, Set.of("rating", "comment"));
        return new RatingAnswer(f.text("rating", true, 4), f.text("comment", false, 1000));
    }

    private Tickets.Ticket linked(Exchange e) {
        return ratingLinks.ticketOf(e.getMessage().getHeader("token", String.class)).flatMap(tickets::get)
                .orElseThrow(() -> Problem.notFound("This link is not valid (altered, or expired)"));
    }

    /** The member's own ticket by the path's id; anyone else's is not found. */
    private Tickets.Ticket own(Exchange e) {
        String id = e.getMessage().getHeader("id", String.class);
        Optional<Customers.Customer> customer = customer(e);
        return tickets.get(id).filter(t -> customer.isPresent() && t.customerId().equals(customer.get().id()))
                .orElseThrow(() -> Problem.notFound("No ticket " + id));
    }

    private Optional<Customers.Customer> customer(Exchange e) {
        return customers.find(null, member(e), null);
    }

    /** The body with the signed-in member's id: a member files for themself, never for someone else. */
    private static JsonNode asMember(Exchange e) throws Exception {
        JsonNode body = jsonBody(e);
        if (!(body instanceof ObjectNode object)) {
            throw Problem.badRequest("The body is a JSON object");
        }
        if (object.has("memberId")) {
            throw Problem.invalidField("memberId", "Not sent here: the signed-in member is the one");
        }
        object.put("memberId", member(e));
        return object;
    }

    private static String member(Exchange e) {
        return RestHeaders.signedInMember(e);
    }

    private static String by(Exchange e) {
        return "member:" + member(e);
    }

    private static JsonNode tree(Object value) {
        return RestJson.MAPPER.valueToTree(value);
    }
}
