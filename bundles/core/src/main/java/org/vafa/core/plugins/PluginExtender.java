package org.vafa.core.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.plugin.PluginReady;
import org.vafa.core.db.VafaDatabase;
import org.vafa.core.routes.RouteDeployer;

/**
 * The plugin extender: a bundle whose manifest says {@code Vafa-Plugin: <name>} gets its migrations run, the
 * route files it ships deployed, its default templates seeded, and then a {@link PluginReady} service its
 * components wait on (see {@link PluginReady} for where each thing sits in the bundle). Bundles started
 * before the extender are found when it opens; later ones as they start. A plugin that stops loses its
 * routes and keeps its data.
 */
@Component(service = PluginExtender.class, immediate = true)
public class PluginExtender implements BundleTrackerCustomizer<PluginExtender.Plugin> {
    private static final Logger LOG = LoggerFactory.getLogger(PluginExtender.class);

    @Reference
    private VafaDatabase database;
    @Reference
    private RouteDeployer routes;

    private BundleContext context;
    private BundleTracker<Plugin> tracker;
    private final Map<String, Plugin> plugins = new ConcurrentHashMap<>();

    /** A started plugin: its name, bundle, the route files it ships and its ready service. */
    public record Plugin(String name, Bundle bundle, List<String> routeFiles, ServiceRegistration<PluginReady> ready) {
    }

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, this);
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    /** The plugins started now, by name. */
    public Map<String, Plugin> plugins() {
        return Map.copyOf(plugins);
    }

    @Override
    public Plugin addingBundle(Bundle bundle, BundleEvent event) {
        String name = bundle.getHeaders("").get(PluginReady.HEADER);
        if (name == null) {
            return null;
        }
        name = name.trim();
        if (!name.matches("[a-z][a-z0-9]{0,30}")) {
            LOG.error("Bundle {} declares plugin name '{}'; a plugin name is lower-case letters and digits", bundle.getSymbolicName(), name);
            return null;
        }
        Plugin other = plugins.get(name);
        if (other != null && other.bundle().getBundleId() != bundle.getBundleId()) {
            LOG.error("Bundle {} declares plugin {}, which bundle {} is already", bundle.getSymbolicName(), name,
                    other.bundle().getSymbolicName());
            return null;
        }
        try {
            if (bundle.getEntry("db/migration/" + name + "/") != null) {
                database.migrate(name, bundle);
            }
            seedTemplates(name, bundle);
            Map<String, byte[]> routeFiles = routeFiles(bundle);
            routes.addPluginRoutes(name, routeFiles);
            String pluginName = name;
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(PluginReady.NAME, name);
            ServiceRegistration<PluginReady> ready = context.registerService(PluginReady.class, () -> pluginName, props);
            Plugin plugin = new Plugin(name, bundle, List.copyOf(routeFiles.keySet()), ready);
            plugins.put(name, plugin);
            LOG.info("Plugin {} ready ({} {}): {} route file(s) of its own", name, bundle.getSymbolicName(), bundle.getVersion(),
                    routeFiles.size());
            return plugin;
        } catch (RuntimeException | IOException e) {
            // its components keep waiting for the ready service; the next start of the bundle tries again
            LOG.error("Plugin {} ({}) cannot start: {}", name, bundle.getSymbolicName(), e.getMessage(), e);
            return null;
        }
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, Plugin plugin) {
        // STARTING -> ACTIVE: nothing changes for the plugin
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, Plugin plugin) {
        plugins.remove(plugin.name(), plugin);
        try {
            plugin.ready().unregister();
        } catch (IllegalStateException alreadyGone) {
            // unregistered with the platform itself
        }
        routes.removePluginRoutes(plugin.name());
        LOG.info("Plugin {} stopped: its routes are removed, its data is kept", plugin.name());
    }

    /** {@code routes/*.camel.yaml} (and .yml, .xml) at the top of the bundle's routes folder, by file name. */
    private static Map<String, byte[]> routeFiles(Bundle bundle) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (URL url : entries(bundle, "routes")) {
            String name = fileName(url);
            if (RouteDeployer.isRouteFile(Path.of(name))) {
                try (InputStream in = url.openStream()) {
                    files.put(name, in.readAllBytes());
                }
            }
        }
        return files;
    }

    /**
     * Copies the bundle's {@code templates/<kind>/*.ftl} to the server's {@code templates/<kind>/} where no file of that
     * name exists: the defaults arrive with the plugin, and an operator's edit is never overwritten.
     */
    private static void seedTemplates(String plugin, Bundle bundle) throws IOException {
        Path target = Path.of(System.getProperty("karaf.base", "."), "templates");
        int seeded = 0;
        for (URL url : entries(bundle, "templates")) {
            String path = url.getPath(); // /templates/<kind>/<file>
            String[] parts = path.replaceFirst("^/", "").split("/");
            if (parts.length != 3 || !parts[2].endsWith(".ftl") || !parts[1].matches("[a-z][a-z0-9-]*")) {
                continue;
            }
            Path file = target.resolve(parts[1]).resolve(parts[2]);
            if (Files.exists(file)) {
                continue;
            }
            Files.createDirectories(file.getParent());
            try (InputStream in = url.openStream()) {
                Files.copy(in, file);
            }
            seeded++;
        }
        if (seeded > 0) {
            LOG.info("Plugin {}: {} default template(s) seeded into {}", plugin, seeded, target);
        }
    }

    private static List<URL> entries(Bundle bundle, String folder) {
        java.util.Enumeration<URL> found = bundle.findEntries(folder, "*", true);
        return found == null ? List.of() : Collections.list(found).stream().filter(u -> !u.getPath().endsWith("/")).toList();
    }

    private static String fileName(URL url) {
        String path = url.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
