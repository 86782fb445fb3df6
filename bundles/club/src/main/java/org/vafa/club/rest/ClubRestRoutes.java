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
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;
import java.util.Set;
import org.vafa.club.members.Member;
import org.vafa.club.members.MemberChanges;
import org.vafa.club.members.Registration;
import org.vafa.club.members.MemberJson;
import org.vafa.club.members.Members;
import org.vafa.club.points.PointsLedger;
import org.vafa.club.rules.ClubRules;
import org.vafa.club.rules.Earning;
import org.vafa.club.rules.MemberFacts;
import org.vafa.club.rules.Purchase;
import org.vafa.club.rules.RulesEngine;
import org.vafa.club.sales.Sales;
import org.vafa.club.tiers.MemberTiers;
import org.vafa.api.rest.RestHeaders;
import static org.vafa.club.rest.Rest.*;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** REST resources of the club under {@code /api/club} (scope {@code club}). */
@Component(service = RoutesBuilder.class)
public class ClubRestRoutes extends RouteBuilder {

    @Reference
    private Members members;
    @Reference
    private PointsLedger points;
    @Reference
    private ClubRules rules;
    @Reference
    private Sales sales;
    @Reference
    private MemberTiers tiers;

    @Override
    public void configure() {
        rest("/club/members").description("Club members")
                .post().id("api-club-register").consumes(JSON).produces(JSON).type(Registration.class).outType(MemberJson.View.class)
                .description("Registers a member: firstName, lastName, mobile (any usual form, Persian digits too), email,"
                        + " birthDate and anniversary (YYYY-MM-DD, Jalali or Gregorian), gender, city, consents {sms, email},"
                        + " cardNumber (generated if absent), referralCode (the referrer's), pendingVerification")
                .to("direct:club-register")
                .get().id("api-club-search").produces(JSON).outType(MemberJson.View[].class)
                .description("Finds members by exactly one of mobile, card or name (Persian or Latin, part of the name)")
                .param().name("mobile").type(RestParamType.query).required(false).endParam()
                .param().name("card").type(RestParamType.query).required(false).endParam()
                .param().name("name").type(RestParamType.query).required(false).endParam()
                .param().name("limit").type(RestParamType.query).required(false).description("1 to 100, default 20").endParam()
                .to("direct:club-search")
                .get("/{id}").id("api-club-member").produces(JSON).outType(MemberJson.View.class).description("One member").to("direct:club-member")
                .patch("/{id}").id("api-club-update").consumes(JSON).produces(JSON).type(MemberChanges.class).outType(MemberJson.View.class)
                .description("Changes the given fields (the fields of registration except cardNumber, referralCode, pendingVerification)")
                .to("direct:club-update")
                .post("/{id}/verify").id("api-club-verify").produces(JSON).outType(MemberJson.View.class).description("A pending member is verified")
                .to("direct:club-verify")
                .post("/{id}/leave").id("api-club-leave").produces(JSON).outType(MemberJson.View.class).description("The member leaves the club")
                .to("direct:club-leave")
                .post("/{id}/rejoin").id("api-club-rejoin").produces(JSON).outType(MemberJson.View.class).description("A member who left comes back")
                .to("direct:club-rejoin")
                .get("/{id}/points").id("api-club-points").produces(JSON)
                .description("Points balance: available, pending (not yet released), lifetime earned and redeemed")
                .to("direct:club-points")
                .get("/{id}/points/history").id("api-club-points-history").produces(JSON)
                .description("Ledger entries, newest first (?limit=1..500, default 50)")
                .param().name("limit").type(RestParamType.query).required(false).endParam()
                .to("direct:club-points-history")
                .post("/{id}/points/earn").id("api-club-points-earn").consumes(JSON).produces(JSON)
                .description("{points, source, releaseAt?}: a source (sale, order, bonus) earns once; replays change nothing")
                .to("direct:club-points-earn")
                .post("/{id}/points/redeem").id("api-club-points-redeem").consumes(JSON).produces(JSON)
                .description("{points, source}: spends available points; 409 when there are not enough")
                .to("direct:club-points-redeem")
                .post("/{id}/points/adjust").id("api-club-points-adjust").consumes(JSON).produces(JSON)
                .description("{points (+/-), reason}: a correction by staff, recorded with the API key's name")
                .to("direct:club-points-adjust")
                .post("/{id}/points/reverse").id("api-club-points-reverse").consumes(JSON).produces(JSON)
                .description("{source, refund, fraction}: a refund takes back that share of what the source earned and gives"
                        + " back that share of what it redeemed, once per refund")
                .to("direct:club-points-reverse")
                .post("/{id}/points/earn-purchase").id("api-club-points-earn-purchase").consumes(JSON).produces(JSON)
                .description("{source, purchase}: the programme in force decides the points (with the member's birthday and"
                        + " anniversary); a source earns once")
                .to("direct:club-points-earn-purchase")
                .post("/{id}/refund").id("api-club-refund").consumes(JSON).produces(JSON)
                .description("{source, refund, fraction}: a refund of a recorded sale takes back its share of spend and points,"
                        + " gives back redeemed points, and re-evaluates the tier, in one transaction, once per refund")
                .to("direct:club-refund")
                .get("/{id}/tier").id("api-club-tier").produces(JSON).description("The member's tier, since when, why, set by hand or not")
                .to("direct:club-tier")
                .put("/{id}/tier").id("api-club-tier-set").consumes(JSON).produces(JSON)
                .description("{tier, reason}: staff set the tier by hand; automatic changes leave it until cleared")
                .to("direct:club-tier-set")
                .delete("/{id}/tier").id("api-club-tier-clear").produces(JSON)
                .description("Clears a tier set by hand: back to the tier the spend holds")
                .to("direct:club-tier-clear");

        rest("/club/rules").description("The earning programme")
                .get().id("api-club-rules").produces(JSON).description("The programme in force, with its version")
                .to("direct:club-rules")
                .put().id("api-club-rules-replace").consumes(JSON).produces(JSON)
                .description("Puts a new programme in force at once; one that does not validate is refused naming the"
                        + " field, and the old one stays")
                .to("direct:club-rules-replace")
                .post("/evaluate").id("api-club-rules-evaluate").consumes(JSON).produces(JSON)
                .description("{purchase, member?: {tier, birthDate, anniversary}}: the points it would earn and why; no effect")
                .to("direct:club-rules-evaluate");

        from("direct:club-rules").routeId("club-rules").process(e -> answer(e, 200,
                version(rules.current().orElseThrow(() -> Problem.notFound("No earning programme is set yet")))));
        from("direct:club-rules-replace").routeId("club-rules-replace").process(e -> answer(e, 200,
                version(rules.replace(jsonBody(e), e.getMessage().getHeader(RestHeaders.API_KEY_NAME, String.class)))));
        from("direct:club-rules-evaluate").routeId("club-rules-evaluate").process(e -> {
            JsonNode b = jsonBody(e);
            Fields f = new Fields(b, Set.of("purchase", "member"));
            answer(e, 200, earning(rules.earning(PurchaseJson.read(b.get("purchase"), "purchase"), PurchaseJson.facts(b.get("member"), "member"))));
        });
        from("direct:club-points-earn-purchase").routeId("club-points-earn-purchase").process(e -> {
            JsonNode b = jsonBody(e);
            Fields f = new Fields(b, Set.of("source", "purchase"));
            Sales.Recorded recorded = sales.purchase(id(e), f.text("source", false, 200), PurchaseJson.read(b.get("purchase"), "purchase"));
            ObjectNode json = earning(recorded.earning());
            json.put("applied", recorded.applied());
            json.set("balance", tree(recorded.balance()));
            json.put("tier", recorded.tier());
            answer(e, recorded.applied() ? 201 : 200, json);
        });
        from("direct:club-refund").routeId("club-refund").process(e -> {
            JsonNode b = jsonBody(e);
            Fields f = new Fields(b, Set.of("source", "refund", "fraction"));
            Sales.Recorded recorded = sales.refund(id(e), f.text("source", false, 200), f.text("refund", false, 200), f.decimal("fraction", true));
            ObjectNode json = MemberJson.MAPPER.createObjectNode();
            json.put("applied", recorded.applied());
            json.set("balance", tree(recorded.balance()));
            json.put("tier", recorded.tier());
            answer(e, recorded.applied() ? 201 : 200, json);
        });
        from("direct:club-tier").routeId("club-tier").process(e -> answer(e, 200,
                tierJson(tiers.tier(id(e)).orElseThrow(() -> Problem.notFound("Member " + id(e) + " has no tier yet")))));
        from("direct:club-tier-set").routeId("club-tier-set").process(e -> {
            JsonNode b = jsonBody(e);
            Fields f = new Fields(b, Set.of("tier", "reason"));
            answer(e, 200, tierJson(tiers.setManual(id(e), f.text("tier", false, 200), f.text("reason", false, 200),
                    e.getMessage().getHeader(RestHeaders.API_KEY_NAME, String.class))));
        });
        from("direct:club-tier-clear").routeId("club-tier-clear").process(e -> answer(e, 200, tierJson(tiers.clearManual(id(e)))));

        from("direct:club-points").routeId("club-points").process(e -> answer(e, 200, tree(points.balance(id(e)))));
        from("direct:club-points-history").routeId("club-points-history").process(e -> {
            ArrayNode entries = MemberJson.MAPPER.createArrayNode();
            for (PointsLedger.Entry entry : points.history(id(e), limit(e.getMessage().getHeader("limit", String.class), 50, 500))) {
                ObjectNode json = entries.addObject();
                json.put("id", entry.id());
                json.put("kind", entry.kind());
                json.put("points", entry.points());
                json.put("source", entry.source());
                json.put("reverses", entry.reverses());
                json.put("releaseAt", entry.releaseAt() == null ? null : entry.releaseAt().toString());
                json.put("reason", entry.reason());
                json.put("operator", entry.operator());
                json.put("createdAt", entry.createdAt().toString());
            }
            answer(e, 200, entries);
        });
        from("direct:club-points-earn").routeId("club-points-earn").process(e -> {
            JsonNode b = jsonBody(e);
            Fields f = new Fields(b, Set.of("points", "source", "releaseAt"));
            outcome(e, points.earn(id(e), f.whole("points"), f.text("source", false, 200), f.instant("releaseAt")));
        });
        from("direct:club-points-redeem").routeId("club-points-redeem").process(e -> {
            JsonNode b = jsonBody(e);
            Fields f = new Fields(b, Set.of("points", "source"));
            outcome(e, points.redeem(id(e), f.whole("points"), f.text("source", false, 200)));
        });
        from("direct:club-points-adjust").routeId("club-points-adjust").process(e -> {
            JsonNode b = jsonBody(e);
            Fields f = new Fields(b, Set.of("points", "reason"));
            outcome(e, points.adjust(id(e), f.whole("points"), f.text("reason", false, 200),
                    e.getMessage().getHeader(RestHeaders.API_KEY_NAME, String.class)));
        });
        from("direct:club-points-reverse").routeId("club-points-reverse").process(e -> {
            JsonNode b = jsonBody(e);
            Fields f = new Fields(b, Set.of("source", "refund", "fraction"));
            outcome(e, points.reverse(id(e), f.text("source", false, 200), f.text("refund", false, 200), f.decimal("fraction", true)));
        });

        from("direct:club-register").routeId("club-register").process(e -> {
            Member m = members.register(Registration.read(jsonBody(e)));
            e.getMessage().setHeader("Location", "/api/club/members/" + m.id());
            answer(e, 201, MemberJson.of(m));
        });
        from("direct:club-member").routeId("club-member").process(e ->
                answer(e, 200, MemberJson.of(members.get(id(e)).orElseThrow(() -> Problem.notFound("No member " + id(e))))));
        from("direct:club-update").routeId("club-update").process(e -> answer(e, 200, MemberJson.of(members.update(id(e), MemberChanges.read(jsonBody(e))))));
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
        int limit = limit(in.getHeader("limit", String.class), 20, 100);
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


    private static ObjectNode tierJson(MemberTiers.TierState state) {
        ObjectNode json = MemberJson.MAPPER.createObjectNode();
        json.put("tier", state.tier());
        json.put("since", state.since().toString());
        json.put("reason", state.reason());
        json.put("manual", state.manual());
        return json;
    }

    private static ObjectNode earning(Earning earning) {
        ObjectNode json = MemberJson.MAPPER.createObjectNode();
        json.put("points", earning.points());
        json.set("explanation", tree(earning.explanation()));
        return json;
    }

    private static ObjectNode version(ClubRules.Version v) {
        ObjectNode json = MemberJson.MAPPER.createObjectNode();
        json.put("version", v.version());
        json.put("changedBy", v.changedBy());
        json.put("changedAt", v.changedAt().toString());
        json.set("rules", v.json());
        return json;
    }

    /** Points writes answer 201 when they changed the ledger and 200 for a replay, with the balance. */
    private static void outcome(Exchange e, PointsLedger.Outcome outcome) {
        ObjectNode json = MemberJson.MAPPER.createObjectNode();
        json.put("applied", outcome.applied());
        json.set("balance", tree(outcome.balance()));
        answer(e, outcome.applied() ? 201 : 200, json);
    }








}
