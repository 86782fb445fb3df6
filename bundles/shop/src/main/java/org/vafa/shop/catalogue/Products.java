package org.vafa.shop.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.locale.PlatformLocale;
import org.vafa.api.plugin.PluginReady;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;

/** The catalogue: products by SKU, with Persian and English names, a category, a price, and whether they take backorders. */
@Component(service = Products.class)
public class Products {
    private final Database database;
    private final PlatformLocale locale;

    public record Product(String sku, String name, String nameEn, String category, BigDecimal price, String currency, boolean active,
                          boolean backorders, Instant createdAt, Instant updatedAt) {
    }

    /** {@code POST /api/shop/products}: checked however it is made; {@code currency} null is the platform's. */
    public record NewProduct(String sku, String name, String nameEn, String category, BigDecimal price, String currency, boolean active,
                             boolean backorders) {
        public NewProduct {
            if (sku == null || !sku.matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,99}")) {
                throw Problem.invalidField("sku", "sku is 1 to 100 Latin letters, digits, '.', '_', '/' or '-'");
            }
            if (name == null || !Fields.visible(name)) {
                throw Problem.invalidField("name", "name is required");
            }
            if (price == null || price.signum() < 0 || price.stripTrailingZeros().scale() > 2 || price.compareTo(new BigDecimal("1e15")) > 0) {
                throw Problem.invalidField("price", "price is 0 or more, at most 10^15, two decimals");
            }
            if (currency != null && !currency.matches("[A-Z]{3}")) {
                throw Problem.invalidField("currency", "An ISO 4217 code such as IRR");
            }
        }

        public static NewProduct read(JsonNode body) {
            Fields f = new Fields(body, Set.of("sku", "name", "nameEn", "category", "price", "currency", "active", "backorders"));
            return new NewProduct(f.text("sku", true, 100), f.text("name", true, 300), f.text("nameEn", false, 300), f.text("category",
                    false, 200), f.decimal("price", true), f.text("currency", false, 3), f.flag("active", true), f.flag("backorders", false));
        }
    }

    @Activate
    public Products(@Reference Database database, @Reference PlatformLocale locale,
                    @Reference(target = "(" + PluginReady.NAME + "=shop)") PluginReady ready) {
        this.database = database;
        this.locale = locale;
    }

    /** Adds the product, or changes it if the SKU is known; true when it was new. */
    public boolean save(NewProduct p) {
        Instant now = Instant.now();
        String currency = p.currency() == null ? locale.currency() : p.currency();
        return database.inTransaction(tx -> {
            int changed = Sql.update(tx, "UPDATE shop_product SET name = ?, name_en = ?, category = ?, price = ?, currency = ?, active = ?,"
                    + " backorders = ?, updated_at = ? WHERE sku = ?", p.name().strip(), p.nameEn(), p.category(), p.price(), currency,
                    p.active(), p.backorders(), now, p.sku());
            if (changed == 0) {
                Sql.update(tx, "INSERT INTO shop_product (sku, name, name_en, category, price, currency, active, backorders, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p.sku(), p.name().strip(), p.nameEn(), p.category(), p.price(),
                        currency, p.active(), p.backorders(), now, now);
            }
            return changed == 0;
        });
    }

    public Optional<Product> get(String sku) {
        return database.inTransaction(tx -> Sql.one(tx, "SELECT " + COLUMNS + " FROM shop_product WHERE sku = ?", Products::product, sku));
    }

    /** Products by SKU, of one category or all, a page after {@code afterSku}. */
    public List<Product> list(String category, String afterSku, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("sku > ?");
        params.add(afterSku == null ? "" : afterSku);
        if (category != null) {
            where.append(" AND category = ?");
            params.add(category);
        }
        params.add(limit);
        return database.inTransaction(tx -> Sql.list(tx, "SELECT " + COLUMNS + " FROM shop_product WHERE " + where + " ORDER BY sku LIMIT ?",
                Products::product, params.toArray()));
    }

    /** Active products, newest added ({@code added}) or changed first, a page of them from {@code offset}. */
    public List<Product> active(boolean added, int offset, int limit) {
        String order = added ? "created_at DESC, sku" : "updated_at DESC, sku";
        return database.inTransaction(tx -> Sql.list(tx, "SELECT " + COLUMNS + " FROM shop_product WHERE active = TRUE ORDER BY " + order
                + " LIMIT ? OFFSET ?", Products::product, limit, offset));
    }

    public long activeCount() {
        return database.inTransaction(tx -> Sql.number(tx, "SELECT COUNT(*) FROM shop_product WHERE active = TRUE"));
    }

    /** The active ones among these SKUs. */
    public List<Product> active(java.util.Collection<String> skus) {
        if (skus.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(skus.size(), "?"));
        return database.inTransaction(tx -> Sql.list(tx, "SELECT " + COLUMNS + " FROM shop_product WHERE active = TRUE AND sku IN (" + marks
                + ") ORDER BY sku", Products::product, skus.toArray()));
    }

    private static final String COLUMNS = "sku, name, name_en, category, price, currency, active, backorders, created_at, updated_at";

    private static Product product(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Product(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5), rs.getString(6),
                rs.getBoolean(7), rs.getBoolean(8), Sql.instant(rs, 9), Sql.instant(rs, 10));
    }
}
