package org.vafa.shop.storefronts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.cluster.ClusterSingletons;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.plugin.PluginReady;
import org.vafa.shop.ShopConfig;
import org.vafa.shop.api.ShopStock;
import org.vafa.shop.api.StorefrontAdapter;

/**
 * Keeps the storefronts up to date: {@code bean:shopStorefronts?method=changed} (routes/stock-to-storefront.camel.yaml)
 * marks a SKU changed for every installed adapter; a sender thread waits {@code storefrontWindowMs} for a burst to
 * settle, then sends each adapter its changed SKUs in batches with their availability at that moment — at most one
 * update per SKU per window, the latest state always. Unavailable: the batch is retried with backoff (up to
 * {@code storefrontMaxBackoffSeconds}); refused: parked with the reason until an operator retries it.
 */
@Component(service = StorefrontSync.class, property = "name=shopStorefronts", configurationPid = "org.vafa.shop")
public class StorefrontSync implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(StorefrontSync.class);

    private final Database database;
    private final ShopStock stock;
    private final ClusterSingletons cluster;
    private final Map<String, StorefrontAdapter> adapters = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running = true;
    private volatile ShopConfig config;
    private final Thread sender;

    /** An adapter's queue: SKUs waiting, those parked with their reasons. */
    public record Status(String adapter, boolean installed, long pending, List<Parked> parked) {
    }

    public record Parked(String sku, String reason, Instant since) {
    }

    @Activate
    public StorefrontSync(@Reference Database database, @Reference ShopStock stock, @Reference ClusterSingletons cluster,
                          @Reference(target = "(" + PluginReady.NAME + "=shop)") PluginReady ready, ShopConfig config) {
        this.database = database;
        this.stock = stock;
        this.cluster = cluster;
        this.config = config;
        this.sender = new Thread(this, "vafa-shop-storefronts");
        sender.setDaemon(true);
        sender.start();
    }

    @Modified
    void modified(ShopConfig changed) {
        config = changed;
        wake();
    }

    @Deactivate
    public void stop() {
        running = false;
        wake();
        try {
            sender.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addAdapter(StorefrontAdapter adapter, Map<String, Object> properties) {
        Object name = properties.get(StorefrontAdapter.NAME);
        if (name != null) {
            Instant now = Instant.now();
            database.inTransaction(tx -> {
                // a storefront seen for the first time starts from the whole catalogue's availability
                if (Sql.update(tx, "INSERT INTO shop_storefront (adapter, first_seen) VALUES (?, ?) ON CONFLICT DO NOTHING", name.toString(),
                        now) == 1) {
                    Sql.update(tx, "INSERT INTO shop_storefront_pending (adapter, sku, version, attempts, next_attempt_at, changed_at) SELECT"
                            + " ?, sku, 1, 0, ?, ? FROM shop_availability WHERE status <> 'new' ON CONFLICT DO NOTHING", name.toString(), now, now);
                }
                return null;
            });
            adapters.put(name.toString(), adapter);
            wake();
        }
    }

    public void removeAdapter(StorefrontAdapter adapter, Map<String, Object> properties) {
        Object name = properties.get(StorefrontAdapter.NAME);
        if (name != null) {
            adapters.remove(name.toString(), adapter);
        }
    }

    /** For routes: the event's SKU changed; every installed storefront is to be told (once, however many changes come). */
    public void changed(Map<String, Object> event) {
        Object sku = event.get("sku");
        if (sku == null) {
            throw new IllegalArgumentException("The event has no sku");
        }
        Instant now = Instant.now();
        database.inTransaction(tx -> {
            for (String adapter : adapters.keySet()) {
                int updated = Sql.update(tx, "UPDATE shop_storefront_pending SET version = version + 1, attempts = 0, next_attempt_at = ?,"
                        + " parked_reason = NULL, changed_at = ? WHERE adapter = ? AND sku = ?", now, now, adapter, sku.toString());
                if (updated == 0) {
                    Sql.update(tx, "INSERT INTO shop_storefront_pending (adapter, sku, version, attempts, next_attempt_at, changed_at) VALUES"
                            + " (?, ?, 1, 0, ?, ?) ON CONFLICT DO NOTHING", adapter, sku.toString(), now, now);
                }
            }
            return null;
        });
        wake();
    }

    /** The adapter's parked SKUs and those waiting for a backoff (only {@code sku}, if given) are tried again now. */
    public int retry(String adapter, String sku) {
        int n = database.inTransaction(tx -> Sql.update(tx, "UPDATE shop_storefront_pending SET parked_reason = NULL, attempts = 0,"
                + " next_attempt_at = ? WHERE adapter = ? AND (parked_reason IS NOT NULL OR attempts > 0)" + (sku == null ? "" : " AND sku = ?"),
                sku == null ? new Object[] {Instant.now(), adapter} : new Object[] {Instant.now(), adapter, sku}));
        wake();
        return n;
    }

    public List<Status> status() {
        return database.inTransaction(tx -> {
            Map<String, Status> out = new LinkedHashMap<>();
            for (String adapter : Sql.list(tx, "SELECT DISTINCT adapter FROM shop_storefront_pending ORDER BY adapter", rs -> rs.getString(1))) {
                out.put(adapter, null);
            }
            adapters.keySet().forEach(a -> out.putIfAbsent(a, null));
            List<Status> list = new ArrayList<>();
            for (String adapter : out.keySet()) {
                long pending = Sql.number(tx, "SELECT COUNT(*) FROM shop_storefront_pending WHERE adapter = ? AND parked_reason IS NULL", adapter);
                List<Parked> parked = Sql.list(tx, "SELECT sku, parked_reason, changed_at FROM shop_storefront_pending WHERE adapter = ? AND"
                        + " parked_reason IS NOT NULL ORDER BY sku LIMIT 1000", rs -> new Parked(rs.getString(1), rs.getString(2),
                        Sql.instant(rs, 3)), adapter);
                list.add(new Status(adapter, adapters.containsKey(adapter), pending, parked));
            }
            return list;
        });
    }

    private void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    @Override
    public void run() {
        while (running) {
            long sleep = 60_000;
            try {
                // a change woke us: let the burst settle for one window, then send what it left
                Thread.sleep(Math.max(0, config.storefrontWindowMs()));
                // one node sends for the cluster (each change once, in order); the others look again in a while
                Optional<Instant> next = cluster.leads("shop:storefront-sender") ? sendDue(Instant.now())
                        : Optional.of(Instant.now().plusSeconds(5));
                if (next.isPresent()) {
                    sleep = Math.max(1, Math.min(sleep, Duration.between(Instant.now(), next.get()).toMillis()));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Storefront sync failed, trying again: {}", e.toString());
                sleep = 5_000;
            }
            synchronized (signal) {
                if (!woken && running) {
                    try {
                        signal.wait(sleep);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                woken = false;
            }
        }
    }

    /** Sends every adapter what is due; returns when the next retry falls due. */
    Optional<Instant> sendDue(Instant now) {
        for (Map.Entry<String, StorefrontAdapter> entry : adapters.entrySet()) {
            String name = entry.getKey();
            StorefrontAdapter adapter = entry.getValue();
            while (running) {
                List<Object[]> due = database.inTransaction(tx -> Sql.list(tx, "SELECT sku, version, attempts FROM shop_storefront_pending WHERE"
                        + " adapter = ? AND parked_reason IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, sku LIMIT ?",
                        rs -> new Object[] {rs.getString(1), rs.getLong(2), rs.getInt(3)}, name, now, Math.max(1, adapter.maxBatch())));
                if (due.isEmpty()) {
                    break;
                }
                if (!send(name, adapter, due)) {
                    break; // unavailable: the rest waits for the backoff too
                }
            }
        }
        return database.inTransaction(tx -> Sql.one(tx, "SELECT MIN(next_attempt_at) FROM shop_storefront_pending WHERE parked_reason IS NULL",
                rs -> Sql.instant(rs, 1)));
    }

    private boolean send(String name, StorefrontAdapter adapter, List<Object[]> due) {
        Map<String, Long> versions = new LinkedHashMap<>();
        due.forEach(d -> versions.put((String) d[0], (Long) d[1]));
        List<ShopStock.Availability> batch = stock.availability(versions.keySet());
        Map<String, String> refused = new LinkedHashMap<>();
        List<String> done = new ArrayList<>(versions.keySet());
        batch.forEach(a -> done.remove(a.sku()));
        // a SKU the shop has no availability for has nothing to tell: done
        try {
            if (!batch.isEmpty()) {
                for (StorefrontAdapter.Outcome outcome : adapter.push(batch)) {
                    if (outcome.refusal() == null) {
                        done.add(outcome.sku());
                    } else {
                        refused.put(outcome.sku(), outcome.refusal());
                    }
                }
                // a SKU the adapter said nothing about would stay due and be picked again at once, round after round
                batch.stream().map(ShopStock.Availability::sku).filter(sku -> !done.contains(sku) && !refused.containsKey(sku))
                        .forEach(sku -> refused.put(sku, "the " + name + " adapter gave no outcome for it"));
            }
        } catch (StorefrontAdapter.Unavailable e) {
            int attempts = due.stream().mapToInt(d -> (Integer) d[2]).max().orElse(0) + 1;
            long backoff = Math.min(config.storefrontMaxBackoffSeconds(), Math.max(e.retryAfterSeconds(), 1L << Math.min(attempts, 16)));
            LOG.warn("Storefront {} unavailable ({}); {} SKUs retried in {} s", name, e.getMessage(), due.size(), backoff);
            Instant next = Instant.now().plusSeconds(backoff);
            database.inTransaction(tx -> {
                for (Object[] d : due) {
                    Sql.update(tx, "UPDATE shop_storefront_pending SET attempts = ?, next_attempt_at = ? WHERE adapter = ? AND sku = ? AND"
                            + " version = ?", attempts, next, name, d[0], d[1]);
                }
                return null;
            });
            return false;
        }
        database.inTransaction(tx -> {
            for (String sku : done) {
                // a change that came while this was sent keeps its row: it is sent next time
                Sql.update(tx, "DELETE FROM shop_storefront_pending WHERE adapter = ? AND sku = ? AND version = ?", name, sku, versions.get(sku));
            }
            for (Map.Entry<String, String> r : refused.entrySet()) {
                String reason = r.getValue().length() > 1000 ? r.getValue().substring(0, 1000) : r.getValue();
                Sql.update(tx, "UPDATE shop_storefront_pending SET parked_reason = ? WHERE adapter = ? AND sku = ? AND version = ?", reason, name,
                        r.getKey(), versions.get(r.getKey()));
            }
            return null;
        });
        if (!refused.isEmpty()) {
            LOG.warn("Storefront {} refused {} SKUs, parked (GET /api/shop/storefronts): {}", name, refused.size(), refused.keySet());
        }
        return true;
    }
}
