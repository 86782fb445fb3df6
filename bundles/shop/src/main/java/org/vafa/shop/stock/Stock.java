package org.vafa.shop.stock;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.events.EventLog;
import org.vafa.api.plugin.PluginReady;
import org.vafa.shop.ShopConfig;
import org.vafa.shop.api.ShopStock;

/**
 * Stock per warehouse and the availability it makes. Figures arrive from ERP feeds (REST push, SQL polling, Kafka —
 * routes call {@code bean:shopStock?method=apply}); each batch is one transaction, a figure older than the one held
 * (by the ERP's sequence, else its time) is ignored, and each SKU's availability is worked out once at the end of the
 * batch: a burst of figures makes at most one {@value ShopStock#AVAILABILITY_CHANGED} per SKU, and only when the
 * status changes.
 */
@Component(service = {Stock.class, ShopStock.class}, property = "name=shopStock", configurationPid = "org.vafa.shop")
@Designate(ocd = ShopConfig.class)
public class Stock implements ShopStock {
    private final Database database;
    private final EventLog eventLog;
    private volatile ShopConfig config;

    /** What a batch did: figures applied, figures older than those held (ignored), availability changes published. */
    public record Applied(int applied, int stale, List<Availability> changed) {
    }

    @Activate
    public Stock(@Reference Database database, @Reference EventLog eventLog,
                 @Reference(target = "(" + PluginReady.NAME + "=shop)") PluginReady ready, ShopConfig config) {
        this.database = database;
        this.eventLog = eventLog;
        this.config = config;
    }

    @Modified
    void modified(ShopConfig changed) {
        config = changed;
    }

    public Applied apply(List<StockChange> changes) {
        return apply(changes, null, null);
    }

    /**
     * {@link #apply(List)} for an ERP feed that reads incrementally: its new position is saved in the same transaction,
     * so a crash between reading and applying reads the same rows again (at least once; an older figure never wins).
     */
    public Applied apply(List<StockChange> changes, String feed, String position) {
        ShopConfig c = config;
        return database.inTransaction(tx -> {
            if (feed != null && position != null) {
                Instant at = Instant.now();
                if (Sql.update(tx, "UPDATE shop_feed_position SET position = ?, updated_at = ? WHERE feed = ?", position, at, feed) == 0) {
                    Sql.update(tx, "INSERT INTO shop_feed_position (feed, position, updated_at) VALUES (?, ?, ?)", feed, position, at);
                }
            }
            Instant now = Instant.now();
            int applied = 0;
            int stale = 0;
            // SKUs locked in one order by every batch: two feeds never wait on each other in a circle
            Map<String, List<StockChange>> bySku = new TreeMap<>();
            for (StockChange change : changes) {
                bySku.computeIfAbsent(change.sku(), k -> new ArrayList<>()).add(change);
            }
            List<Availability> changed = new ArrayList<>();
            for (Map.Entry<String, List<StockChange>> sku : bySku.entrySet()) {
                Optional<Availability> before = lockAvailability(tx, sku.getKey());
                for (StockChange change : sku.getValue()) {
                    if (store(tx, change, change.warehouse() == null ? c.defaultWarehouse() : change.warehouse(), now)) {
                        applied++;
                    } else {
                        stale++;
                    }
                }
                publishChange(tx, before, availability(tx, sku.getKey(), c, now, before), changed);
            }
            return new Applied(applied, stale, changed);
        });
    }

    /**
     * After stock was held back for an order or given back (in the caller's transaction): each SKU's availability worked
     * out again, and published where its status changed. The SKUs are locked in one order, like a feed's batch.
     */
    public List<Availability> settle(Connection tx, Collection<String> skus) throws SQLException {
        ShopConfig c = config;
        Instant now = Instant.now();
        List<Availability> changed = new ArrayList<>();
        for (String sku : new java.util.TreeSet<>(skus)) {
            Optional<Availability> before = lockAvailability(tx, sku);
            publishChange(tx, before, availability(tx, sku, c, now, before), changed);
        }
        return changed;
    }

    /** Goods that left (an order dispatched): taken from the default warehouse's figure, in the caller's transaction. */
    public void remove(Connection tx, String sku, BigDecimal quantity) throws SQLException {
        String warehouse = config.defaultWarehouse();
        if (Sql.update(tx, "UPDATE shop_stock SET quantity = quantity - ?, updated_at = ? WHERE sku = ? AND warehouse = ?", quantity,
                Instant.now(), sku, warehouse) == 0) {
            Sql.update(tx, "INSERT INTO shop_stock (sku, warehouse, quantity, updated_at) VALUES (?, ?, ?, ?)", sku, warehouse,
                    quantity.negate(), Instant.now());
        }
    }

    private void publishChange(Connection tx, Optional<Availability> before, Availability after, List<Availability> changed)
            throws SQLException {
        if (before.isEmpty() || !before.get().status().equals(after.status())) {
            changed.add(after);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("sku", after.sku());
            data.put("status", after.status());
            data.put("previous", before.map(Availability::status).orElse(null));
            data.put("quantity", after.quantity());
            eventLog.append(tx, "shop", AVAILABILITY_CHANGED, after.sku(), data);
        }
    }

    /** Stores the figure unless the one held is newer; false when it was older (or the same). */
    private static boolean store(Connection tx, StockChange change, String warehouse, Instant now) throws SQLException {
        Optional<Object[]> held = Sql.one(tx, "SELECT source_seq, source_time FROM shop_stock WHERE sku = ? AND warehouse = ?",
                rs -> new Object[] {rs.getObject(1) == null ? null : rs.getLong(1), Sql.instant(rs, 2)}, change.sku(), warehouse);
        if (held.isPresent()) {
            Long seq = (Long) held.get()[0];
            Instant time = (Instant) held.get()[1];
            boolean older = change.sequence() != null && seq != null ? change.sequence() <= seq
                    : change.at() != null && time != null && !change.at().isAfter(time);
            if (older) {
                return false;
            }
            Sql.update(tx, "UPDATE shop_stock SET quantity = ?, source_seq = COALESCE(?, source_seq), source_time = COALESCE(?, source_time),"
                    + " updated_at = ? WHERE sku = ? AND warehouse = ?", change.quantity(), change.sequence(), change.at(), now, change.sku(),
                    warehouse);
        } else {
            Sql.update(tx, "INSERT INTO shop_stock (sku, warehouse, quantity, source_seq, source_time, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    change.sku(), warehouse, change.quantity(), change.sequence(), change.at(), now);
        }
        return true;
    }

    /** The SKU's availability row, locked for the batch (made first if the SKU is new). */
    private static Optional<Availability> lockAvailability(Connection tx, String sku) throws SQLException {
        Optional<Availability> held = Sql.one(tx, "SELECT sku, status, quantity, changed_at FROM shop_availability WHERE sku = ? FOR UPDATE",
                Stock::row, sku);
        if (held.isEmpty()) {
            // a placeholder to lock on: two batches with a new SKU queue here; the status is set below
            Sql.update(tx, "INSERT INTO shop_availability (sku, quantity, status, changed_at) VALUES (?, 0, 'new', ?) ON CONFLICT DO NOTHING",
                    sku, Instant.now());
            held = Sql.one(tx, "SELECT sku, status, quantity, changed_at FROM shop_availability WHERE sku = ? FOR UPDATE", Stock::row, sku);
            if (held.isPresent() && held.get().status().equals("new")) {
                return Optional.empty();
            }
        }
        return held;
    }

    private static Availability availability(Connection tx, String sku, ShopConfig c, Instant now, Optional<Availability> before)
            throws SQLException {
        // for sale: what the warehouses hold less what open orders hold back
        BigDecimal quantity = Sql.decimal(tx, "SELECT COALESCE(SUM(quantity), 0) FROM shop_stock WHERE sku = ?", sku)
                .subtract(Sql.decimal(tx, "SELECT COALESCE(SUM(quantity), 0) FROM shop_reservation WHERE sku = ?", sku));
        boolean backorders = Sql.one(tx, "SELECT backorders FROM shop_product WHERE sku = ?", rs -> rs.getBoolean(1), sku).orElse(false);
        String status = quantity.compareTo(BigDecimal.valueOf(c.outOfStockAt())) > 0 ? "instock" : backorders ? "onbackorder" : "outofstock";
        boolean statusChanged = before.isEmpty() || !before.get().status().equals(status);
        Instant changedAt = statusChanged ? now : before.get().changedAt();
        Sql.update(tx, "UPDATE shop_availability SET quantity = ?, status = ?, changed_at = ? WHERE sku = ?", quantity, status, changedAt, sku);
        return new Availability(sku, status, plain(quantity), changedAt);
    }

    /** How far the feed has read, or {@code initial} before its first rows. */
    public String position(String feed, String initial) {
        return database.inTransaction(tx -> Sql.one(tx, "SELECT position FROM shop_feed_position WHERE feed = ?", rs -> rs.getString(1), feed))
                .orElse(initial);
    }

    @Override
    public List<Availability> availability(Collection<String> skus) {
        if (skus.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(skus.size(), "?"));
        return database.inTransaction(tx -> Sql.list(tx, "SELECT sku, status, quantity, changed_at FROM shop_availability WHERE sku IN ("
                + marks + ") AND status <> 'new' ORDER BY sku", Stock::row, skus.toArray()));
    }

    private static Availability row(java.sql.ResultSet rs) throws SQLException {
        return new Availability(rs.getString(1), rs.getString(2), plain(rs.getBigDecimal(3)), Sql.instant(rs, 4));
    }

    /** 4, not 4.000 (the column's scale), in answers and events. */
    private static BigDecimal plain(BigDecimal quantity) {
        return new BigDecimal(quantity.stripTrailingZeros().toPlainString());
    }
}
