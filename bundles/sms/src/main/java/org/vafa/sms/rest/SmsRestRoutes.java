package org.vafa.sms.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;
import static org.vafa.api.rest.RestJson.answer;
import static org.vafa.api.rest.RestJson.jsonBody;
import org.vafa.api.rest.RestHeaders;
import org.vafa.sms.messages.SmsDispatcher;
import org.vafa.sms.messages.SmsMessages;

/** REST resources of the SMS plugin under {@code /api/sms} (scope {@code sms}). */
@Component(service = RoutesBuilder.class)
public class SmsRestRoutes extends RouteBuilder {
    private static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = org.vafa.api.rest.RestJson.MAPPER;

    @Reference
    private SmsMessages messages;
    @Reference
    private SmsDispatcher dispatcher;

    @Override
    public void configure() {
        rest("/sms").description("Text messages")
                .get("/messages").id("api-sms-box").produces(JSON)
                .description("The message box, newest first, both ways: exactly one of ?memberId=, ?staffUser= or ?phone=; ?limit=1..500")
                .param().name("memberId").type(RestParamType.query).required(false).endParam()
                .param().name("staffUser").type(RestParamType.query).required(false).endParam()
                .param().name("phone").type(RestParamType.query).required(false).endParam()
                .param().name("limit").type(RestParamType.query).required(false).endParam()
                .to("direct:sms-box")
                .get("/messages/{id}").id("api-sms-message").produces(JSON).description("One message and its status")
                .to("direct:sms-message")
                .post("/messages").id("api-sms-send").consumes(JSON).produces(JSON)
                .description("{to, text, type?}: a message typed by staff (send an Idempotency-Key to make a retry harmless)")
                .to("direct:sms-send")
                .post("/messages/{id}/retry").id("api-sms-retry").produces(JSON).description("A parked message goes back to the queue")
                .to("direct:sms-retry")
                .post("/inbound").id("api-sms-inbound").consumes(JSON).produces(JSON)
                .description("{from, text, gateway?}: a text received on one of the club's lines («لغو» or stop opts the number out)")
                .to("direct:sms-inbound")
                .get("/status").id("api-sms-status").produces(JSON)
                .description("The active gateway, the installed ones, and the outbox by status")
                .to("direct:sms-status")
                .get("/templates").id("api-sms-templates").produces(JSON).description("The templates, as type.language")
                .to("direct:sms-templates")
                .get("/templates/{type}/{language}").id("api-sms-template").produces(JSON).description("A template's text")
                .to("direct:sms-template")
                .put("/templates/{type}/{language}").id("api-sms-template-save").consumes(JSON).produces(JSON)
                .description("{text}: a FreeMarker template, in force at the next message; one that does not parse is refused with"
                        + " its line and column, and the old one stays")
                .to("direct:sms-template-save");

        rest("/me/messages").description("The signed-in member's messages")
                .get().id("api-me-messages").produces(JSON).outType(MemberMessage[].class)
                .description("The texts the club sent the member, newest first (the last 50; sign-in codes are not listed)")
                .to("direct:me-messages");
        from("direct:me-messages").routeId("me-messages").process(e -> answer(e, 200, MAPPER.valueToTree(messages
                .box(org.vafa.api.rest.RestHeaders.signedInMember(e), null, null, 60).stream()
                .filter(m -> m.direction().equals("OUT") && !m.type().equals("verification-code"))
                .map(m -> new MemberMessage(m.type(), m.body(), m.status(), m.createdAt())).limit(50).toList())));
        from("direct:sms-box").routeId("sms-box").process(e -> {
            String memberId = query(e, "memberId");
            String staff = query(e, "staffUser");
            String phone = query(e, "phone");
            if ((memberId != null ? 1 : 0) + (staff != null ? 1 : 0) + (phone != null ? 1 : 0) != 1) {
                throw Problem.badRequest("Give exactly one of memberId, staffUser or phone");
            }
            answer(e, 200, MAPPER.valueToTree(messages.box(memberId, staff, phone, limit(query(e, "limit")))));
        });
        from("direct:sms-message").routeId("sms-message").process(e -> answer(e, 200, MAPPER.valueToTree(
                messages.get(header(e, "id")).orElseThrow(() -> Problem.notFound("No message " + header(e, "id"))))));
        from("direct:sms-send").routeId("sms-send").process(e -> {
            Fields f = new Fields(jsonBody(e), Set.of("to", "text", "type"));
            String type = f.text("type", false, 60);
            if (type != null && !type.matches("[a-z0-9][a-z0-9-]{0,59}")) {
                throw Problem.invalidField("type", "type is lower-case Latin letters, digits and '-'");
            }
            answer(e, 201, MAPPER.valueToTree(messages.sendText(f.text("to", true, 40), f.text("text", true, 1000), type,
                    e.getMessage().getHeader(RestHeaders.API_KEY_NAME, String.class), e.getMessage().getHeader(RestHeaders.REQUEST_KEY, String.class))));
        });
        from("direct:sms-retry").routeId("sms-retry").process(e -> {
            if (!dispatcher.retry(header(e, "id"))) {
                throw Problem.conflict("Message " + header(e, "id") + " is not parked");
            }
            answer(e, 200, MAPPER.valueToTree(messages.get(header(e, "id")).orElseThrow()));
        });
        from("direct:sms-inbound").routeId("sms-inbound").process(e -> {
            Fields f = new Fields(jsonBody(e), Set.of("from", "text", "gateway"));
            String from = f.text("from", true, 40);
            messages.received(f.text("gateway", false, 40) == null ? "rest" : f.text("gateway", false, 40), from, f.text("text", true, 1000));
            ObjectNode json = MAPPER.createObjectNode();
            json.put("optedOut", messages.optedOut(messages.e164(from, "from")));
            answer(e, 201, json);
        });
        from("direct:sms-status").routeId("sms-status").process(e -> {
            ObjectNode json = MAPPER.valueToTree(dispatcher.status());
            json.set("outbox", MAPPER.valueToTree(messages.counts()));
            answer(e, 200, json);
        });
        from("direct:sms-templates").routeId("sms-templates").process(e -> answer(e, 200, MAPPER.valueToTree(messages.templates().list())));
        from("direct:sms-template").routeId("sms-template").process(e -> {
            ObjectNode json = MAPPER.createObjectNode();
            json.put("text", messages.templates().text(header(e, "type"), header(e, "language")));
            answer(e, 200, json);
        });
        from("direct:sms-template-save").routeId("sms-template-save").process(e -> {
            RestHeaders.requireScope(e.getMessage().getHeader(RestHeaders.API_KEY_SCOPES, String.class), "admin", "Editing templates");
            Fields f = new Fields(jsonBody(e), Set.of("text"));
            messages.saveTemplate(header(e, "type"), header(e, "language"), f.text("text", true, 4000));
            ObjectNode json = MAPPER.createObjectNode();
            json.put("saved", header(e, "type") + "." + header(e, "language"));
            answer(e, 200, json);
        });
    }

    private static int limit(String text) {
        return org.vafa.api.rest.RestJson.number("limit", text, 50, 1, 500);
    }

    private static String header(Exchange e, String name) {
        return e.getMessage().getHeader(name, String.class);
    }

    private static String query(Exchange e, String name) {
        return header(e, name);
    }

    /** A text as the member sees it in their panel. */
    public record MemberMessage(String type, String body, String status, java.time.Instant createdAt) {
    }
}
