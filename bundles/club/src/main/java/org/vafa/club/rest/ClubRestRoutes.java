package org.vafa.club.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.rest.Problem;
import org.vafa.club.members.Member;
import org.vafa.club.members.MemberJson;
import org.vafa.club.members.Members;

/** REST resources of the club under {@code /api/club} (scope {@code club}). */
@Component(service = RoutesBuilder.class)
public class ClubRestRoutes extends RouteBuilder {
    private static final String JSON = "application/json";

    @Reference
    private Members members;

    @Override
    public void configure() {
        rest("/club/members").description("Club members")
                .post().id("api-club-register").consumes(JSON).produces(JSON)
                .description("Registers a member: firstName, lastName, mobile (any usual form, Persian digits too), email,"
                        + " birthDate and anniversary (YYYY-MM-DD, Jalali or Gregorian), gender, city, consents {sms, email},"
                        + " cardNumber (generated if absent), referralCode (the referrer's), pendingVerification")
                .to("direct:club-register")
                .get().id("api-club-search").produces(JSON)
                .description("Finds members by exactly one of mobile, card or name (Persian or Latin, part of the name)")
                .param().name("mobile").type(RestParamType.query).required(false).endParam()
                .param().name("card").type(RestParamType.query).required(false).endParam()
                .param().name("name").type(RestParamType.query).required(false).endParam()
                .param().name("limit").type(RestParamType.query).required(false).description("1 to 100, default 20").endParam()
                .to("direct:club-search")
                .get("/{id}").id("api-club-member").produces(JSON).description("One member").to("direct:club-member")
                .patch("/{id}").id("api-club-update").consumes(JSON).produces(JSON)
                .description("Changes the given fields (the fields of registration except cardNumber, referralCode, pendingVerification)")
                .to("direct:club-update")
                .post("/{id}/verify").id("api-club-verify").produces(JSON).description("A pending member is verified")
                .to("direct:club-verify")
                .post("/{id}/leave").id("api-club-leave").produces(JSON).description("The member leaves the club")
                .to("direct:club-leave")
                .post("/{id}/rejoin").id("api-club-rejoin").produces(JSON).description("A member who left comes back")
                .to("direct:club-rejoin");

        from("direct:club-register").routeId("club-register").process(e -> {
            Member m = members.register(body(e));
            e.getMessage().setHeader("Location", "/api/club/members/" + m.id());
            answer(e, 201, MemberJson.of(m));
        });
        from("direct:club-member").routeId("club-member").process(e ->
                answer(e, 200, MemberJson.of(members.get(id(e)).orElseThrow(() -> Problem.notFound("No member " + id(e))))));
        from("direct:club-update").routeId("club-update").process(e -> answer(e, 200, MemberJson.of(members.update(id(e), body(e)))));
        from("direct:club-verify").routeId("club-verify").process(e -> answer(e, 200, MemberJson.of(members.verify(id(e)))));
        from("direct:club-leave").routeId("club-leave").process(e -> answer(e, 200, MemberJson.of(members.leave(id(e)))));
        from("direct:club-rejoin").routeId("club-rejoin").process(e -> answer(e, 200, MemberJson.of(members.rejoin(id(e)))));
        from("direct:club-search").routeId("club-search").process(this::search);
    }

    private void search(Exchange e) {
        Message in = e.getMessage();
        String mobile = in.getHeader("mobile", String.class);
        String card = in.getHeader("card", String.class);
        String name = in.getHeader("name", String.class);
        int given = (mobile != null ? 1 : 0) + (card != null ? 1 : 0) + (name != null ? 1 : 0);
        if (given != 1) {
            throw Problem.badRequest("Search by exactly one of ?mobile=, ?card= or ?name=");
        }
        int limit = limit(in.getHeader("limit", String.class));
        List<Member> found;
        if (mobile != null) {
            found = members.byMobile(mobile, "mobile").stream().toList();
        } else if (card != null) {
            found = members.byCard(card).stream().toList();
        } else {
            found = members.searchByName(name, limit);
        }
        ArrayNode list = MemberJson.MAPPER.createArrayNode();
        found.forEach(m -> list.add(MemberJson.of(m)));
        answer(e, 200, list);
    }

    private static int limit(String text) {
        if (text == null) {
            return 20;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw Problem.invalidField("limit", "limit is a whole number from 1 to 100");
    }

    private static String id(Exchange e) {
        return e.getMessage().getHeader("id", String.class);
    }

    private static JsonNode body(Exchange e) throws Exception {
        String text = e.getMessage().getBody(String.class);
        if (text == null || text.isBlank()) {
            throw Problem.badRequest("A JSON body is required");
        }
        return MemberJson.MAPPER.readTree(text);
    }

    private static void answer(Exchange e, int status, JsonNode json) {
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, JSON);
        e.getMessage().setBody(json.toString());
    }
}
