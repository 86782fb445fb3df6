package org.vafa.shop.torob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestJson;
import org.vafa.shop.api.ShopStock;
import org.vafa.shop.catalogue.Products;
import org.vafa.shop.stock.Stock;

/**
 * The catalogue as Torob's product API v3 reads it, at {@code POST /api/public/shop/torob/products} (the address the shop
 * gives Torob): {@code {page, sort: date_added_desc|date_updated_desc}} for a page of 100, or {@code {page_urls: [...]}}
 * / {@code {page_uniques: [...]}} for given products, answered alike. Each product: {@code page_unique} (the SKU),
 * {@code page_url}, {@code title}, {@code current_price} in Toman (a whole number; IRR prices are divided by ten),
 * {@code availability}, the category, and its dates. A sold-out product stays, unavailable; an inactive one is left out.
 * Only Torob's signed token opens it ({@link TorobToken}).
 */
@Component(service = RoutesBuilder.class, configurationPid = "org.vafa.shop.torob", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TorobConfig.class)
public class TorobFeed extends RouteBuilder {
    static final int PAGE = 100;
    private static final int MAX_ASKED = 100;

    private final Products products;
    private final Stock stock;
    private final TorobToken token;
    private final String productUrl;

    @Activate
    public TorobFeed(@Reference Products products, @Reference Stock stock, TorobConfig config) {
        if (config.productUrl() == null || !config.productUrl().matches("https?://\\S+\\{sku}\\S*")) {
            throw new IllegalStateException("org.vafa.shop.torob: productUrl is the storefront's product address with {sku}");
        }
        this.products = products;
        this.stock = stock;
        this.token = new TorobToken(config.publicKey(), config.audience());
        this.productUrl = config.productUrl().strip();
    }

    @Override
    public void configure() {
        rest("/public/shop/torob/products").description("The catalogue for Torob (its product API v3; Torob's signed token required)")
                .post().id("api-shop-torob-products").consumes("application/json").produces("application/json")
                .description("{page, sort} or {page_urls} or {page_uniques}: Torob's pages of products, prices in Toman")
                .to("direct:shop-torob-products");
        from("direct:shop-torob-products").routeId("shop-torob-products").process(this::answer);
    }

    void answer(Exchange e) throws Exception {
        String version = e.getMessage().getHeader("X-Torob-Token-Version", String.class);
        if (version != null && !version.strip().equals("1")) {
            throw new Problem(401, "Unauthorized", "X-Torob-Token-Version " + version + " is not supported (1 is)", null);
        }
        token.check(e.getMessage().getHeader("X-Torob-Token", String.class), Instant.now());
        RestJson.answer(e, 200, page(RestJson.jsonBody(e)));
    }

    ObjectNode page(JsonNode body) {
        if (!body.isObject()) {
            throw Problem.badRequest("The body is a JSON object");
        }
        List<Products.Product> found;
        int current = 1;
        long total;
        if (body.has("page")) {
            if (!body.get("page").isInt() || body.get("page").asInt() < 1) {
                throw Problem.invalidField("page", "page is a whole number from 1");
            }
            String sort = body.path("sort").asText("");
            if (!sort.equals("date_added_desc") && !sort.equals("date_updated_desc")) {
                throw Problem.invalidField("sort", "sort is date_added_desc or date_updated_desc");
            }
            current = body.get("page").asInt();
            total = products.activeCount();
            found = (long) (current - 1) * PAGE >= total ? List.of()
                    : products.active(sort.equals("date_added_desc"), (current - 1) * PAGE, PAGE);
        } else {
            Set<String> skus = new LinkedHashSet<>();
            if (body.has("page_uniques")) {
                asked(body, "page_uniques").forEach(skus::add);
            } else if (body.has("page_urls")) {
                for (String url : asked(body, "page_urls")) {
                    String sku = skuOf(url);
                    if (sku != null) {
                        skus.add(sku);
                    }
                }
            } else {
                throw Problem.badRequest("Ask for a page ({page, sort}), page_urls or page_uniques");
            }
            found = products.active(skus);
            total = found.size();
        }
        Map<String, ShopStock.Availability> available = stock.availability(found.stream().map(Products.Product::sku).toList()).stream()
                .collect(Collectors.toMap(ShopStock.Availability::sku, Function.identity()));
        ObjectNode out = RestJson.MAPPER.createObjectNode().put("api_version", "torob_api_v3").put("current_page", current)
                .put("total", total).put("max_pages", Math.max(1, (total + PAGE - 1) / PAGE));
        ArrayNode list = out.putArray("products");
        for (Products.Product p : found) {
            ShopStock.Availability a = available.get(p.sku());
            ObjectNode row = list.addObject().put("page_unique", p.sku()).put("page_url", productUrl.replace("{sku}", p.sku()))
                    .put("title", p.name()).put("subtitle", p.nameEn()).put("current_price", toman(p))
                    .putNull("old_price").put("availability", a != null && !a.status().equals("outofstock"))
                    .put("category_name", p.category());
            row.putArray("image_links");
            row.putObject("spec");
            row.putNull("short_desc").putNull("guarantee");
            row.put("date_added", p.createdAt().atOffset(ZoneOffset.UTC).toString());
            row.put("date_updated", p.updatedAt().atOffset(ZoneOffset.UTC).toString());
        }
        return out;
    }

    /** Torob's prices are whole Toman: a Rial price is divided by ten. */
    static long toman(Products.Product p) {
        BigDecimal price = "IRR".equals(p.currency()) ? p.price().divide(BigDecimal.TEN, 0, RoundingMode.DOWN) : p.price();
        return price.setScale(0, RoundingMode.DOWN).longValueExact();
    }

    private static List<String> asked(JsonNode body, String field) {
        JsonNode list = body.get(field);
        if (!list.isArray() || list.isEmpty() || list.size() > MAX_ASKED) {
            throw Problem.invalidField(field, field + " lists 1 to " + MAX_ASKED + " entries");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isTextual()) {
                throw Problem.invalidField(field, field + " lists strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    /** The SKU in a product page's address, read back by the same pattern the feed prints; null for another address. */
    String skuOf(String url) {
        int at = productUrl.indexOf("{sku}");
        String before = productUrl.substring(0, at);
        String after = productUrl.substring(at + "{sku}".length());
        if (!url.startsWith(before) || !url.endsWith(after) || url.length() <= before.length() + after.length()) {
            return null;
        }
        return java.net.URLDecoder.decode(url.substring(before.length(), url.length() - after.length()), java.nio.charset.StandardCharsets.UTF_8);
    }
}
