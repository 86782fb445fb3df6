package org.vafa.core.cluster;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.cluster.ClusterSingletons;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;

/**
 * Singletons' leases in the shared database (table {@code vafa_lease}): a lease is taken when free or lapsed, renewed
 * by its holder every third of {@code leaseSeconds} while the node lives, and given up when the node stops, so another
 * node takes over at once after a clean stop and within {@code leaseSeconds} after a crash. A node stops believing it
 * leads a third of the lease before the lease runs out, so two nodes never both lead while their clocks agree (NTP).
 */
@Component(service = ClusterSingletons.class, immediate = true, configurationPid = "org.vafa.cluster",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ClusterConfig.class)
public class DatabaseLeases implements ClusterSingletons, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseLeases.class);

    private final Database database;
    private final String nodeId;
    private final long leaseMs;
    /** The leases this node holds, with when each runs out. */
    private final Map<String, Instant> held = new ConcurrentHashMap<>();
    private final Object wake = new Object();
    private volatile boolean running = true;
    private final Thread renewer;

    @Activate
    public DatabaseLeases(@Reference Database database, ClusterConfig config) {
        this(database, nodeId(System.getenv("VAFA_NODE_ID"), config.nodeId()), config.leaseSeconds());
    }

    public DatabaseLeases(Database database, String nodeId, int leaseSeconds) {
        this.database = database;
        this.nodeId = nodeId;
        this.leaseMs = Math.max(3, leaseSeconds) * 1000L;
        this.renewer = new Thread(this, "vafa-cluster-leases");
        renewer.setDaemon(true);
        renewer.start();
    }

    static String nodeId(String fromEnvironment, String configured) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.trim();
        }
        if (!configured.isBlank()) {
            return configured.trim();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /** Gives up this node's leases: the others take its singletons over at once. */
    @Deactivate
    public void stop() {
        running = false;
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            renewer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        held.clear();
        try {
            database.inTransaction(tx -> Sql.update(tx, "DELETE FROM vafa_lease WHERE holder = ?", nodeId));
        } catch (RuntimeException e) {
            LOG.warn("Could not give up this node's leases (they lapse in {} s): {}", leaseMs / 1000, e.getMessage());
        }
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public boolean leads(String singleton) {
        Instant until = held.get(singleton);
        if (until != null && until.isAfter(Instant.now().plusMillis(leaseMs / 3))) {
            return true;
        }
        return take(singleton);
    }

    /** Takes the lease if it is free, lapsed or already this node's; renews it if so. */
    private boolean take(String singleton) {
        Instant now = Instant.now();
        Instant until = now.plusMillis(leaseMs);
        boolean taken;
        try {
            taken = database.inTransaction(tx -> Sql.update(tx, "UPDATE vafa_lease SET holder = ?, expires_at = ?, acquired_at ="
                    + " CASE WHEN holder = ? THEN acquired_at ELSE ? END WHERE name = ? AND (holder = ? OR expires_at < ?)", nodeId, until,
                    nodeId, now, singleton, nodeId, now) == 1
                    || Sql.update(tx, "INSERT INTO vafa_lease (name, holder, expires_at, acquired_at) VALUES (?, ?, ?, ?) ON CONFLICT DO"
                    + " NOTHING", singleton, nodeId, until, now) == 1);
        } catch (RuntimeException e) {
            // the database is out of reach: nobody can be sure to lead, this node least
            LOG.warn("Lease {} could not be renewed: {}", singleton, e.getMessage());
            taken = false;
        }
        if (taken) {
            if (held.put(singleton, until) == null) {
                LOG.info("This node ({}) now runs {}", nodeId, singleton);
            }
        } else if (held.remove(singleton) != null) {
            LOG.warn("This node ({}) no longer runs {}: another node holds its lease", nodeId, singleton);
        }
        return taken;
    }

    @Override
    public void release(String singleton) {
        if (held.remove(singleton) != null) {
            try {
                database.inTransaction(tx -> Sql.update(tx, "DELETE FROM vafa_lease WHERE name = ? AND holder = ?", singleton, nodeId));
            } catch (RuntimeException e) {
                LOG.warn("Could not give up lease {} (it lapses in {} s): {}", singleton, leaseMs / 1000, e.getMessage());
            }
        }
    }

    @Override
    public List<Holder> holders() {
        Instant now = Instant.now();
        return database.inTransaction(tx -> Sql.list(tx, "SELECT name, holder, expires_at FROM vafa_lease ORDER BY name",
                rs -> new Holder(rs.getString(1), rs.getString(2), Sql.instant(rs, 3), Sql.instant(rs, 3).isBefore(now))));
    }

    /** Renews every lease held here in one statement, every third of their length, so a rarely asking singleton keeps its node. */
    @Override
    public void run() {
        while (running) {
            synchronized (wake) {
                try {
                    wake.wait(leaseMs / 3);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (!running || held.isEmpty()) {
                continue;
            }
            Instant until = Instant.now().plusMillis(leaseMs);
            try {
                List<String> still = database.inTransaction(tx -> {
                    Sql.update(tx, "UPDATE vafa_lease SET expires_at = ? WHERE holder = ?", until, nodeId);
                    return Sql.list(tx, "SELECT name FROM vafa_lease WHERE holder = ?", rs -> rs.getString(1), nodeId);
                });
                for (String singleton : held.keySet()) {
                    if (!still.contains(singleton)) {
                        held.remove(singleton);
                        LOG.warn("This node ({}) no longer runs {}: another node took its lease", nodeId, singleton);
                    }
                }
                still.forEach(singleton -> held.put(singleton, until));
            } catch (RuntimeException e) {
                LOG.warn("This node's leases could not be renewed (they lapse unless the database answers): {}", e.getMessage());
            }
        }
    }
}
