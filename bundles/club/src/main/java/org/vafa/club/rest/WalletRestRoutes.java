package org.vafa.club.rest;

import static org.vafa.club.rest.Rest.JSON;
import static org.vafa.club.rest.Rest.answer;
import static org.vafa.club.rest.Rest.caller;
import static org.vafa.club.rest.Rest.id;
import static org.vafa.club.rest.Rest.jsonBody;
import static org.vafa.club.rest.Rest.limit;
import static org.vafa.club.rest.Rest.query;
import static org.vafa.club.rest.Rest.tree;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.rest.Fields;
import org.vafa.club.members.MemberJson;
import org.vafa.club.points.PointsDiscounts;
import org.vafa.club.storedvalue.StoredValue;

/** What a member can pay with, under {@code /api/club/members/{id}}: stored value, and points as a discount. */
@Component(service = RoutesBuilder.class)
public class WalletRestRoutes extends RouteBuilder {
    @Reference
    private StoredValue storedValue;
    @Reference
    private PointsDiscounts discounts;

    @Override
    public void configure() {
        rest("/club/members").description("Club members")
                .get("/{id}/stored-value").id("api-club-stored-value").produces(JSON)
                .description("The card's stored value: balance, charged, spent and refunded, in the club's currency")
                .to("direct:club-stored-value")
                .get("/{id}/stored-value/history").id("api-club-stored-value-history").produces(JSON)
                .description("Stored-value entries, newest first (?limit=1..500, default 50)")
                .param().name("limit").type(RestParamType.query).required(false).endParam()
                .to("direct:club-stored-value-history")
                .post("/{id}/stored-value/charge").id("api-club-stored-value-charge").consumes(JSON).produces(JSON)
                .description("{amount, currency, source}: money put on the card; source is the payment's reference and counts once")
                .to("direct:club-stored-value-charge")
                .post("/{id}/stored-value/spend").id("api-club-stored-value-spend").consumes(JSON).produces(JSON)
                .description("{amount, currency, source}: pays from the card for the sale source, once; 409 if the balance is short")
                .to("direct:club-stored-value-spend")
                .post("/{id}/stored-value/refund").id("api-club-stored-value-refund").consumes(JSON).produces(JSON)
                .description("{source, refund, amount}: gives back to the card part of what the sale source paid from it, once per refund")
                .to("direct:club-stored-value-refund")
                .post("/{id}/points/discount-quote").id("api-club-points-discount-quote").consumes(JSON).produces(JSON)
                .description("{points, basketTotal, currency}: the discount up to that many points buy at the programme's rate and"
                        + " limits, and the points it would use; no effect")
                .to("direct:club-points-discount-quote")
                .post("/{id}/points/redeem-for-discount").id("api-club-points-redeem-discount").consumes(JSON).produces(JSON)
                .description("{points, basketTotal, currency, source}: spends the points of that discount for the sale source, once")
                .to("direct:club-points-redeem-discount");

        from("direct:club-stored-value").routeId("club-stored-value").process(e -> answer(e, 200, tree(storedValue.balance(id(e)))));
        from("direct:club-stored-value-history").routeId("club-stored-value-history").process(e ->
                answer(e, 200, tree(storedValue.history(id(e), limit(query(e, "limit"), 50, 500)))));
        from("direct:club-stored-value-charge").routeId("club-stored-value-charge").process(e -> {
            Fields f = new Fields(jsonBody(e), Set.of("amount", "currency", "source"));
            outcome(e, storedValue.charge(id(e), f.decimal("amount", true), f.text("currency", true, 3), f.text("source", true, 200),
                    caller(e)));
        });
        from("direct:club-stored-value-spend").routeId("club-stored-value-spend").process(e -> {
            Fields f = new Fields(jsonBody(e), Set.of("amount", "currency", "source"));
            outcome(e, storedValue.spend(id(e), f.decimal("amount", true), f.text("currency", true, 3), f.text("source", true, 200)));
        });
        from("direct:club-stored-value-refund").routeId("club-stored-value-refund").process(e -> {
            Fields f = new Fields(jsonBody(e), Set.of("source", "refund", "amount"));
            outcome(e, storedValue.refund(id(e), f.text("source", true, 200), f.text("refund", true, 200), f.decimal("amount", true)));
        });
        from("direct:club-points-discount-quote").routeId("club-points-discount-quote").process(e -> {
            Fields f = new Fields(jsonBody(e), Set.of("points", "basketTotal", "currency"));
            answer(e, 200, tree(discounts.quote(id(e), f.whole("points", 1, 1_000_000_000L, 0), f.decimal("basketTotal", true),
                    f.text("currency", true, 3))));
        });
        from("direct:club-points-redeem-discount").routeId("club-points-redeem-discount").process(e -> {
            Fields f = new Fields(jsonBody(e), Set.of("points", "basketTotal", "currency", "source"));
            PointsDiscounts.Redeemed redeemed = discounts.redeem(id(e), f.whole("points", 1, 1_000_000_000L, 0),
                    f.decimal("basketTotal", true), f.text("currency", true, 3), f.text("source", true, 200));
            answer(e, redeemed.applied() ? 201 : 200, tree(redeemed));
        });
    }

    private static void outcome(Exchange e, StoredValue.Outcome outcome) {
        ObjectNode json = MemberJson.MAPPER.createObjectNode();
        json.put("applied", outcome.applied());
        json.set("balance", tree(outcome.balance()));
        answer(e, outcome.applied() ? 201 : 200, json);
    }
}
