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
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.Fields;
import org.vafa.club.vouchers.Vouchers;

/** Voucher batches and codes under {@code /api/club}. */
@Component(service = RoutesBuilder.class)
public class VoucherRestRoutes extends RouteBuilder {
    @Reference
    private Vouchers vouchers;

    @Override
    public void configure() {
        rest("/club/voucher-batches").description("Vouchers: batches of unique codes")
                .post().id("api-club-voucher-batch-create").consumes(JSON).produces(JSON).type(Vouchers.NewBatch.class)
                .outType(Vouchers.Batch.class)
                .description("{name, kind: amount|percent, value, maxDiscount?, currency?, minimumBasket?, validFrom?, validTo?,"
                        + " usesPerCode? (1), prefix?, and count (bearer codes) or memberIds (one code each)}")
                .to("direct:club-voucher-batch-create")
                .get().id("api-club-voucher-batches").produces(JSON).outType(Vouchers.Batch[].class)
                .description("The batches, newest first (?limit=1..1000, default 100, &offset=)")
                .param().name("limit").type(RestParamType.query).required(false).endParam()
                .param().name("offset").type(RestParamType.query).required(false).endParam()
                .to("direct:club-voucher-batches")
                .get("/{id}").id("api-club-voucher-batch").produces(JSON).outType(Vouchers.Batch.class).description("A batch's terms")
                .to("direct:club-voucher-batch")
                .get("/{id}/codes").id("api-club-voucher-batch-codes").produces(JSON).outType(Code[].class)
                .description("The batch's codes, to print or send (?limit=1..10000, default 1000, &offset=)")
                .param().name("limit").type(RestParamType.query).required(false).endParam()
                .param().name("offset").type(RestParamType.query).required(false).endParam()
                .to("direct:club-voucher-batch-codes");
        rest("/club/vouchers").description("Voucher codes")
                .get("/{code}").id("api-club-voucher").produces(JSON).description("A code: its batch, holder, uses and each use")
                .to("direct:club-voucher")
                .post("/{code}/check").id("api-club-voucher-check").consumes(JSON).produces(JSON)
                .description("{basketTotal, currency, memberId?}: whether the code can be used on this basket now, the discount,"
                        + " or why not (with the field); no effect")
                .to("direct:club-voucher-check")
                .post("/{code}/redeem").id("api-club-voucher-redeem").consumes(JSON).produces(JSON).outType(Vouchers.Redeemed.class)
                .description("{source, basketTotal, currency, memberId?}: uses the code for the sale source, once; 409 with the"
                        + " reason when it cannot be used")
                .to("direct:club-voucher-redeem")
                .post("/{code}/release").id("api-club-voucher-release").consumes(JSON).produces(JSON).outType(Vouchers.Redeemed.class)
                .description("{source, refund}: the sale was refunded; its use of the code is given back, once")
                .to("direct:club-voucher-release");
        rest("/club/members").description("Club members")
                .get("/{id}/vouchers").id("api-club-member-vouchers").produces(JSON)
                .description("The codes the member holds that can still be used")
                .to("direct:club-member-vouchers");

        from("direct:club-voucher-batch-create").routeId("club-voucher-batch-create").process(e -> {
            Vouchers.Batch batch = vouchers.createBatch(Vouchers.NewBatch.read(jsonBody(e)), caller(e));
            e.getMessage().setHeader("Location", "/api/club/voucher-batches/" + batch.id());
            answer(e, 201, tree(batch));
        });
        from("direct:club-voucher-batches").routeId("club-voucher-batches").process(e -> answer(e, 200, tree(vouchers.batches(
                Rest.number("limit", query(e, "limit"), 100, 1, 1000), Rest.number("offset", query(e, "offset"), 0, 0, Integer.MAX_VALUE)))));
        from("direct:club-voucher-batch").routeId("club-voucher-batch").process(e ->
                answer(e, 200, tree(vouchers.batch(id(e)).orElseThrow(() -> Problem.notFound("No voucher batch " + id(e))))));
        from("direct:club-voucher-batch-codes").routeId("club-voucher-batch-codes").process(e -> {
            int offset = Rest.number("offset", query(e, "offset"), 0, 0, Integer.MAX_VALUE);
            answer(e, 200, tree(vouchers.codes(id(e), limit(query(e, "limit"), 1000, 10_000), offset).stream()
                    .map(v -> new Code(v.code(), v.memberId(), v.uses())).toList()));
        });
        from("direct:club-voucher").routeId("club-voucher").process(e -> {
            Vouchers.Voucher v = vouchers.voucher(code(e)).orElseThrow(() -> Problem.notFound("No voucher " + code(e)));
            ObjectNode json = (ObjectNode) tree(v);
            json.set("usedBy", tree(vouchers.uses(v.code())));
            answer(e, 200, json);
        });
        from("direct:club-voucher-check").routeId("club-voucher-check").process(e -> {
            Fields f = new Fields(jsonBody(e), Set.of("basketTotal", "currency", "memberId"));
            answer(e, 200, tree(vouchers.check(code(e), f.text("memberId", false, 36), f.decimal("basketTotal", true),
                    f.text("currency", true, 3))));
        });
        from("direct:club-voucher-redeem").routeId("club-voucher-redeem").process(e -> {
            Fields f = new Fields(jsonBody(e), Set.of("source", "basketTotal", "currency", "memberId"));
            Vouchers.Redeemed r = vouchers.redeem(code(e), f.text("source", true, 200), f.text("memberId", false, 36),
                    f.decimal("basketTotal", true), f.text("currency", true, 3));
            answer(e, r.applied() ? 201 : 200, tree(r));
        });
        from("direct:club-voucher-release").routeId("club-voucher-release").process(e -> {
            Fields f = new Fields(jsonBody(e), Set.of("source", "refund"));
            Vouchers.Redeemed r = vouchers.release(code(e), f.text("source", true, 200), f.text("refund", true, 200));
            answer(e, r.applied() ? 201 : 200, tree(r));
        });
        from("direct:club-member-vouchers").routeId("club-member-vouchers").process(e ->
                answer(e, 200, tree(vouchers.heldBy(id(e)))));
    }

    public record Code(String code, String memberId, int uses) {
    }

    private static String code(Exchange e) {
        return e.getMessage().getHeader("code", String.class);
    }
}
