package org.vafa.pos.rest;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.rest.Problem;
import static org.vafa.api.rest.RestJson.answer;
import static org.vafa.api.rest.RestJson.jsonBody;
import org.vafa.api.rest.RestHeaders;
import org.vafa.club.api.ClubCheckout;
import org.vafa.pos.branches.Branches;
import org.vafa.pos.sales.PosSales;
import org.vafa.pos.sales.SaleRequest;

/**
 * REST resources of the registers under {@code /api/pos} (scope {@code pos}). Sales and refunds are
 * made with a terminal's own key; branches and terminals are managed with an {@code admin} key.
 */
@Component(service = RoutesBuilder.class)
public class PosRestRoutes extends RouteBuilder {
    private static final String JSON = "application/json";

    private final Branches branches;
    private final PosSales sales;

    @Activate
    public PosRestRoutes(@Reference Branches branches, @Reference PosSales sales) {
        this.branches = branches;
        this.sales = sales;
    }

    @Override
    public void configure() {
        rest("/pos/branches").description("Branches and their registers (admin key)")
                .post().id("api-pos-branch-create").consumes(JSON).produces(JSON).type(Branches.NewBranch.class)
                .outType(Branches.Branch.class).description("{code, name, city?}: a branch")
                .to("direct:pos-branch-create")
                .get().id("api-pos-branches").produces(JSON).outType(Branches.Branch[].class).description("The branches").to("direct:pos-branches")
                .post("/{code}/terminals").id("api-pos-terminal-create").consumes(JSON).produces(JSON)
                .type(Branches.NewTerminalRequest.class).outType(Branches.NewTerminal.class)
                .description("{name}: a register of the branch and its API key (scope pos, bound to the terminal), shown once")
                .to("direct:pos-terminal-create")
                .get("/sales").id("api-pos-branch-sales").produces(JSON).outType(Branches.BranchSales[].class)
                .description("Completed sales per branch and currency in the last ?days=1..366 (30): count, to members, total;"
                        + " for staff keys (a register's own key sees no other branch: 403)")
                .param().name("days").type(RestParamType.query).required(false).endParam()
                .to("direct:pos-branch-sales")
                .get("/{code}/terminals").id("api-pos-terminals").produces(JSON).outType(Branches.Terminal[].class)
                .description("The branch's registers")
                .to("direct:pos-terminals");
        rest("/pos").description("The register's view of the club")
                .get("/lookup").id("api-pos-lookup").produces(JSON)
                .description("The member by exactly one of ?card= (as scanned), ?mobile= or ?memberId=: name, tier, points, pending,"
                        + " stored value, vouchers, visits and spend, last purchases, favourite categories")
                .param().name("card").type(RestParamType.query).required(false).endParam()
                .param().name("mobile").type(RestParamType.query).required(false).endParam()
                .param().name("memberId").type(RestParamType.query).required(false).endParam()
                .to("direct:pos-lookup")
                .post("/quote").id("api-pos-quote").consumes(JSON).produces(JSON).outType(ClubCheckout.Priced.class)
                .description("{card? | mobile? | memberId?, currency, lines: [{sku, category, quantity, unitPrice}], vouchers?, points?,"
                        + " storedValue?}: the priced basket, each discount explained, the points it earns, the amount due; no effect")
                .to("direct:pos-quote")
                .post("/sales").id("api-pos-sale").consumes(JSON).produces(JSON).type(SaleRequest.class)
                .description("{receipt, cashier?, soldAt? (offline registers), the quote's fields, payments?: [{method, amount}]}:"
                        + " the sale, once per terminal and receipt (a repeat answers the first result with 200)")
                .to("direct:pos-sale")
                .get("/sales/{terminal}/{receipt}").id("api-pos-sale-get").produces(JSON)
                .description("A sale of a terminal of the caller's branch, with its refunds")
                .to("direct:pos-sale-get")
                .post("/refunds").id("api-pos-refund").consumes(JSON).produces(JSON)
                .description("{receipt, terminal? (the caller's), refund (its number), lines?: [{sku, quantity}] | amount?}: full"
                        + " (neither) or partial; never more than was sold, once per refund number")
                .to("direct:pos-refund");

        from("direct:pos-branch-create").routeId("pos-branch-create").process(e -> {
            admin(e);
            answer(e, 201, PosSales.tree(branches.create(Branches.NewBranch.read(jsonBody(e)))));
        });
        from("direct:pos-branches").routeId("pos-branches").process(e -> {
            admin(e);
            answer(e, 200, PosSales.tree(branches.list()));
        });
        from("direct:pos-branch-sales").routeId("pos-branch-sales").process(e -> {
            if (branches.byKeyName(e.getMessage().getHeader(RestHeaders.API_KEY_NAME, String.class)).isPresent()) {
                throw new Problem(403, "Forbidden", "A register sees its own sales, not every branch's", null);
            }
            int days = org.vafa.api.rest.RestJson.number("days", query(e, "days"), 30, 1, 366);
            answer(e, 200, PosSales.tree(branches.sales(java.time.Instant.now().minus(java.time.Duration.ofDays(days)))));
        });
        from("direct:pos-terminal-create").routeId("pos-terminal-create").process(e -> {
            admin(e);
            answer(e, 201, PosSales.tree(branches.addTerminal(e.getMessage().getHeader("code", String.class),
                    Branches.NewTerminalRequest.read(jsonBody(e)))));
        });
        from("direct:pos-terminals").routeId("pos-terminals").process(e -> {
            admin(e);
            answer(e, 200, PosSales.tree(branches.terminals(e.getMessage().getHeader("code", String.class))));
        });
        from("direct:pos-lookup").routeId("pos-lookup").process(e -> {
            caller(e, true);
            answer(e, 200, sales.lookup(query(e, "card"), query(e, "mobile"), query(e, "memberId")));
        });
        from("direct:pos-quote").routeId("pos-quote").process(e ->
                answer(e, 200, PosSales.tree(sales.quote(caller(e, true), SaleRequest.basket(jsonBody(e))))));
        from("direct:pos-sale").routeId("pos-sale").process(e -> {
            PosSales.Recorded recorded = sales.sell(terminal(e), jsonBody(e));
            answer(e, recorded.applied() ? 201 : 200, recorded.sale());
        });
        from("direct:pos-sale-get").routeId("pos-sale-get").process(e -> {
            Branches.Terminal caller = caller(e, true);
            answer(e, 200, sales.sale(caller, e.getMessage().getHeader("terminal", String.class),
                    e.getMessage().getHeader("receipt", String.class)));
        });
        from("direct:pos-refund").routeId("pos-refund").process(e -> {
            PosSales.Recorded recorded = sales.refund(terminal(e), jsonBody(e));
            answer(e, recorded.applied() ? 201 : 200, recorded.sale());
        });
    }

    /** The terminal making the request; {@code orAdmin}: an admin key may ask too (then null: no branch limit). */
    private Branches.Terminal caller(Exchange e, boolean orAdmin) {
        String keyName = e.getMessage().getHeader(RestHeaders.API_KEY_NAME, String.class);
        Branches.Terminal terminal = branches.byKeyName(keyName).orElse(null);
        if (terminal == null && !(orAdmin && isAdmin(e))) {
            throw new Problem(403, "Forbidden", "This is done with a register's own key (POST /api/pos/branches/{code}/terminals)", null);
        }
        return terminal;
    }

    private Branches.Terminal terminal(Exchange e) {
        Branches.Terminal terminal = caller(e, false);
        if (terminal == null) {
            throw new Problem(403, "Forbidden", "Sales and refunds are made with a register's own key", null);
        }
        return terminal;
    }

    private static void admin(Exchange e) {
        if (!isAdmin(e)) {
            throw new Problem(403, "Forbidden", "Branches and terminals are managed with an admin key", null);
        }
    }

    private static boolean isAdmin(Exchange e) {
        return RestHeaders.hasScope(e.getMessage().getHeader(RestHeaders.API_KEY_SCOPES, String.class), "admin");
    }

    private static String query(Exchange e, String name) {
        return e.getMessage().getHeader(name, String.class);
    }
}
