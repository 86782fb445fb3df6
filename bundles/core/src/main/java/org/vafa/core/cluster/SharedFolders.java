package org.vafa.core.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.cluster.ClusterSingletons;
import org.vafa.api.db.Database;
import org.vafa.core.routes.RouteDeployer;

/**
 * One route set and one set of message templates for the cluster: the routes/ and templates/ folders of every node are
 * mirrored through the database every {@code sharedFilesSyncMs} ({@link FolderMirror}). A route file added, edited or
 * removed on one node (by hand or through {@code /api/admin/routes}) reaches every node's folder, whose watcher deploys
 * it with the usual validate-then-swap and rejection rules; a template saved over REST is used by every node. A
 * plugin's own route files and default templates are not mirrored: every node has the same plugins.
 */
@Component(immediate = true, configurationPid = "org.vafa.cluster")
public class SharedFolders {
    private static final Logger LOG = LoggerFactory.getLogger(SharedFolders.class);

    private final List<FolderMirror> mirrors;
    private ScheduledExecutorService mirroring;

    @Activate
    public SharedFolders(@Reference Database database, @Reference ClusterSingletons cluster, @Reference RouteDeployer routes,
                         ClusterConfig config) {
        Path base = Path.of(System.getProperty("karaf.base", "."));
        this.mirrors = List.of(
                new FolderMirror(database, cluster.nodeId(), "routes", routes.folder(), 1, RouteDeployer::isRouteFile),
                new FolderMirror(database, cluster.nodeId(), "templates", base.resolve("templates"), 2,
                        p -> p.getFileName().toString().endsWith(".ftl")));
        if (config.sharedFilesSyncMs() > 0) {
            mirroring = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vafa-shared-folders");
                t.setDaemon(true);
                return t;
            });
            mirroring.scheduleWithFixedDelay(this::syncQuietly, 0, config.sharedFilesSyncMs(), TimeUnit.MILLISECONDS);
        }
    }

    @Deactivate
    void stop() {
        if (mirroring != null) {
            mirroring.shutdown();
            try {
                mirroring.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void syncQuietly() {
        for (FolderMirror mirror : mirrors) {
            try {
                mirror.sync();
            } catch (Exception e) {
                LOG.warn("Shared files could not be mirrored with the database, trying again: {}", e.toString());
            }
        }
    }
}
