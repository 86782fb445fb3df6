package org.vafa.shop.rest;

import static org.vafa.api.rest.RestJson.answer;
import static org.vafa.api.rest.RestJson.jsonBody;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestJson;
import org.vafa.api.rest.ScopeGrant;
import org.vafa.shop.api.OrderForm;
import org.vafa.shop.api.ShopOrders;
import org.vafa.shop.api.ShopStock;
import org.vafa.shop.catalogue.Products;
import org.vafa.shop.orders.Orders;
import org.vafa.shop.stock.Stock;
import org.vafa.shop.stock.StockChange;
import org.vafa.shop.storefronts.StorefrontSync;

/**
 * The shop under {@code /api/shop}: storefronts (scope {@code shop}) read the catalogue and availability; an ERP's key
 * (scope {@code erp}, granted here) pushes products and stock.
 */
@Component(service = {RoutesBuilder.class, ScopeGrant.class})
public class ShopRestRoutes extends RouteBuilder implements ScopeGrant {
    private static final String JSON = "application/json";
    private static final int MAX_SKUS = 500;

    private final Products products;
    private final Stock stock;
    private final StorefrontSync storefronts;
    private final Orders orders;

    @Activate
    public ShopRestRoutes(@Reference Products products, @Reference Stock stock, @Reference StorefrontSync storefronts,
                          @Reference Orders orders) {
        this.products = products;
        this.stock = stock;
        this.storefronts = storefronts;
        this.orders = orders;
    }

    @Override
    public String scope() {
        return "erp";
    }

    @Override
    public List<String> paths() {
        return List.of("/api/shop/stock", "/api/shop/products");
    }

    @Override
    public void configure() {
        rest("/shop/products").description("The catalogue")
                .post().id("api-shop-product-save").consumes(JSON).produces(JSON).type(Products.NewProduct.class)
                .outType(Products.Product.class)
                .description("{sku, name, nameEn?, category?, price, currency?, active? (true), backorders? (false)}: added (201) or"
                        + " changed (200) by SKU; scope shop or erp")
                .to("direct:shop-product-save")
                .get().id("api-shop-products").produces(JSON).outType(Products.Product[].class)
                .description("Products by SKU: ?category=, ?after= (the last SKU of the previous page), ?limit=1..500 (100)")
                .param().name("category").type(RestParamType.query).required(false).endParam()
                .param().name("after").type(RestParamType.query).required(false).endParam()
                .param().name("limit").type(RestParamType.query).required(false).endParam()
                .to("direct:shop-products")
                .get("/{sku}").id("api-shop-product").produces(JSON).outType(Products.Product.class).description("One product")
                .to("direct:shop-product");
        rest("/shop/stock").description("Stock pushed by an ERP (scope erp or shop)")
                .post().id("api-shop-stock").consumes(JSON).produces(JSON).type(StockChange[].class).outType(Stock.Applied.class)
                .description("{sku, warehouse?, quantity, sequence?, at?} or a list of up to 1000: a figure older than the one held (by"
                        + " the ERP's sequence, else its time) is ignored; a product's availability changes at once (shop.availability.changed)")
                .to("direct:shop-stock");
        rest("/shop/availability").description("What storefronts show")
                .get().id("api-shop-availability").produces(JSON).outType(ShopStock.Availability[].class)
                .description("?skus=a,b,c (up to " + MAX_SKUS + "): each known SKU's status (instock, outofstock, onbackorder) and quantity")
                .param().name("skus").type(RestParamType.query).required(true).endParam()
                .to("direct:shop-availability");

        rest("/shop/storefronts").description("The storefronts kept up to date, what they still have to be told and what they refused")
                .get().id("api-shop-storefronts").produces(JSON).outType(StorefrontSync.Status[].class)
                .description("Per storefront adapter: installed, SKUs waiting, SKUs parked with the storefront's reason")
                .to("direct:shop-storefronts")
                .post("/{adapter}/retry").id("api-shop-storefront-retry").produces(JSON)
                .description("The adapter's parked SKUs, and those waiting out a backoff (?sku= one of them), are sent again now: {retried}")
                .param().name("sku").type(RestParamType.query).required(false).endParam()
                .to("direct:shop-storefront-retry");
        rest("/shop/orders").description("Orders from storefronts (WooCommerce's webhooks come to /api/public/shop/woocommerce/orders)")
                .post().id("api-shop-order").consumes(JSON).produces(JSON).outType(ShopOrders.Received.class)
                .description("{id, number?, status: placed|waiting|cancelled, modifiedAt, customer{memberId?, mobile?, email?, firstName?,"
                        + " lastName?}, currency?, total?, lines[{sku, name?, quantity, unitPrice}]}: an order of storefront 'rest'; a"
                        + " delivery not modified after the one held changes nothing (applied false)")
                .to("direct:shop-order-receive")
                .get().id("api-shop-orders").produces(JSON).outType(Orders.Held[].class)
                .description("The latest changed first: ?status=waiting|placed|dispatched|cancelled, ?limit=1..500 (50)")
                .param().name("status").type(RestParamType.query).required(false).endParam()
                .param().name("limit").type(RestParamType.query).required(false).endParam()
                .to("direct:shop-orders")
                .get("/{id}").id("api-shop-order-get").produces(JSON).outType(Orders.Held.class)
                .description("One order (<storefront>-<its id>) with the stock it holds back").to("direct:shop-order-get");
        from("direct:shop-order-receive").routeId("shop-order-receive").process(e -> answer(e, 200,
                tree(orders.receive(OrderForm.read(jsonBody(e), "rest")))));
        from("direct:shop-orders").routeId("shop-orders").process(e -> {
            String status = query(e, "status");
            if (status != null && !Set.of("waiting", "placed", "dispatched", "cancelled").contains(status)) {
                throw Problem.invalidField("status", "status is waiting, placed, dispatched or cancelled");
            }
            answer(e, 200, tree(orders.list(status, RestJson.number("limit", query(e, "limit"), 50, 1, 500))));
        });
        from("direct:shop-order-get").routeId("shop-order-get").process(e -> answer(e, 200, tree(orders.get(query(e, "id"))
                .orElseThrow(() -> Problem.notFound("No order " + query(e, "id"))))));

        from("direct:shop-storefronts").routeId("shop-storefronts").process(e -> answer(e, 200, tree(storefronts.status())));
        from("direct:shop-storefront-retry").routeId("shop-storefront-retry").process(e -> answer(e, 200,
                RestJson.MAPPER.createObjectNode().put("retried", storefronts.retry(query(e, "adapter"), query(e, "sku")))));

        from("direct:shop-product-save").routeId("shop-product-save").process(e -> {
            Products.NewProduct p = Products.NewProduct.read(jsonBody(e));
            boolean added = products.save(p);
            e.getMessage().setHeader("Location", "/api/shop/products/" + p.sku());
            answer(e, added ? 201 : 200, tree(products.get(p.sku()).orElseThrow()));
        });
        from("direct:shop-products").routeId("shop-products").process(e -> answer(e, 200, tree(products.list(query(e, "category"),
                query(e, "after"), RestJson.number("limit", query(e, "limit"), 100, 1, 500)))));
        from("direct:shop-product").routeId("shop-product").process(e -> answer(e, 200, tree(products.get(query(e, "sku"))
                .orElseThrow(() -> Problem.notFound("No product " + query(e, "sku"))))));
        from("direct:shop-stock").routeId("shop-stock").process(e -> answer(e, 200, tree(stock.apply(StockChange.read(jsonBody(e))))));
        from("direct:shop-availability").routeId("shop-availability").process(e -> {
            String skus = query(e, "skus");
            if (skus == null || skus.isBlank()) {
                throw Problem.invalidField("skus", "skus lists the SKUs, comma-separated");
            }
            Set<String> asked = new LinkedHashSet<>(Arrays.stream(skus.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
            if (asked.size() > MAX_SKUS) {
                throw Problem.invalidField("skus", "at most " + MAX_SKUS + " SKUs at a time");
            }
            answer(e, 200, tree(stock.availability(asked)));
        });
    }

    private static String query(Exchange e, String name) {
        return e.getMessage().getHeader(name, String.class);
    }

    private static JsonNode tree(Object value) {
        return RestJson.MAPPER.valueToTree(value);
    }
}
