package org.vafa.core.routes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.core.camel.VafaCamel;

/**
 * Routes are data: deploys the route files of the routes folder and the route files plugins ship in their
 * bundles, and follows every change while the server runs. A file in the routes folder with the name of a
 * plugin's file overrides the plugin's (deleting it brings the plugin's back). A new version of a file is parsed in a scratch context first, then swapped
 * in for the old one; if it does not parse or its routes do not start, the old version is put back
 * and keeps running, and the file is marked rejected with the reason (log, {@code vafa:routes}).
 * Subscriptions are durable, so events that arrive during a swap wait for the new version.
 */
@Component(service = RouteDeployer.class, immediate = true, configurationPid = "org.vafa.routes",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RoutesConfig.class)
public class RouteDeployer {
    private static final Logger LOG = LoggerFactory.getLogger(RouteDeployer.class);
    private static final List<String> SUFFIXES = List.of(".camel.yaml", ".camel.yml", ".camel.xml");

    @Reference
    private VafaCamel camel;

    /** By file name: what runs, and from where. */
    private final Map<String, RouteFile> files = new ConcurrentHashMap<>();
    /** By file name: the checksum of the source last deployed (or rejected). */
    private final Map<String, String> checksums = new ConcurrentHashMap<>();
    /** Files that wait for a bean an endpoint of theirs names (#name), by file name. */
    private final Map<String, String> waitingFor = new java.util.concurrent.ConcurrentHashMap<>();
    /** By file name: the route files plugins ship. */
    private final Map<String, Shipped> shipped = new ConcurrentHashMap<>();
    /** All deploying happens on this one thread, so two versions of a file never race. */
    private ScheduledExecutorService deployer;
    private ExecutorService watcher;
    private WatchService watchService;
    private Path folder;
    private RoutesConfig config;
    private volatile boolean settled;
    private volatile java.util.concurrent.ScheduledFuture<?> settling;

    @Activate
    void activate(RoutesConfig config) throws IOException {
        this.config = config;
        folder = config.folder().isBlank()
                ? Path.of(System.getProperty("karaf.base", "."), "routes") : Path.of(config.folder());
        folder = folder.toAbsolutePath().normalize();
        Files.createDirectories(folder);
        deployer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "vafa-route-deployer"));
        watchService = FileSystems.getDefault().newWatchService();
        folder.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        camel.routesSettledWhen(() -> settled);
        camel.missingBeansFrom(this::missingBeans);
        deployer.submit(this::syncAll);
        deployer.scheduleWithFixedDelay(this::retryRejected, config.retryMs(), config.retryMs(), TimeUnit.MILLISECONDS);
        // once every boot feature is in, files waiting for a plugin get deployed at once, then the server is settled
        settling = deployer.scheduleWithFixedDelay(() -> {
            if (!settled && camel.bootFinished()) {
                retryRejected();
                settled = true;
                settling.cancel(false); // once is enough
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
        watcher = Executors.newSingleThreadExecutor(r -> daemon(r, "vafa-route-watcher"));
        watcher.submit(this::watch);
        LOG.info("Route files: {}", folder);
    }

    @Deactivate
    void deactivate() throws IOException {
        watchService.close();
        watcher.shutdownNow();
        deployer.shutdown();
        try {
            deployer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the routes go down with the Camel context; their subscriptions keep their positions
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public Path folder() {
        return folder;
    }

    /** The known route files, by name. */
    public List<RouteFile> files() {
        return files.values().stream().sorted(java.util.Comparator.comparing(RouteFile::name)).toList();
    }

    // --- the route files as an operator service (vafa: shell, /api/admin/routes) ----------------------------------

    /** Refuses anything but a plain route file name: no folder, no hidden file, one of the route suffixes. */
    public static String checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,120}") || name.contains("..") || !isRouteFile(Path.of(name))) {
            throw new IllegalArgumentException("'" + name + "' is not a route file name: letters, digits, '.', '-', '_', ending in "
                    + String.join(", ", SUFFIXES));
        }
        return name;
    }

    /** The file, if any: the operator's in routes/, else the plugin's that runs. */
    public Optional<String> read(String name) throws IOException {
        Source source = source(checkName(name));
        return source == null ? Optional.empty() : Optional.of(new String(source.content(), StandardCharsets.UTF_8));
    }

    /**
     * Writes a route file into routes/ as an operator would, if it parses (else nothing changes and the reason is
     * thrown), and returns its state once the deployer has swapped it in or rejected it (a version that does not
     * start leaves the previous one running, as for an edited file).
     */
    public RouteFile write(String name, String content) throws Exception {
        checkName(name);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try {
            validate(ResourceHelper.fromBytes("file:" + folder.resolve(name), bytes));
        } catch (Exception e) {
            throw new IllegalArgumentException("The route file does not parse: " + rootMessage(e));
        }
        // the watcher ignores hidden files: the new version appears at once, whole
        Path scratch = Files.createTempFile(folder, ".", ".part");
        try {
            Files.write(scratch, bytes);
            Files.move(scratch, folder.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(scratch);
        }
        deployer.submit(() -> sync(name)).get(60, TimeUnit.SECONDS);
        return files.get(name);
    }

    /**
     * Deletes the operator's file of that name (its routes stop; for an override, the plugin's own comes back).
     *
     * @return the state after, or empty when nothing of that name runs any more
     * @throws IllegalStateException when the only file of that name is a plugin's (stop the plugin instead)
     */
    public Optional<RouteFile> delete(String name) throws Exception {
        Path file = folder.resolve(checkName(name));
        if (!Files.exists(file)) {
            Shipped plugin = shipped.get(name);
            if (plugin != null) {
                throw new IllegalStateException(name + " is plugin " + plugin.plugin() + "'s own route file: override it with a file"
                        + " of the same name, or stop the plugin");
            }
            throw new java.util.NoSuchElementException("No route file " + name);
        }
        Files.delete(file);
        deployer.submit(() -> sync(name)).get(60, TimeUnit.SECONDS);
        return Optional.ofNullable(files.get(name));
    }

    /** A route file a plugin ships in its bundle. */
    private record Shipped(String plugin, byte[] content) {
    }

    /** Where the routes of a file name come from now: the operator's file if there is one, else the plugin's. */
    private record Source(String location, byte[] content, String owner, boolean overriding) {
    }

    /**
     * Deploys the route files a plugin ships (by file name), unless the routes folder has a file of that name. A
     * name another plugin ships already is refused: the first plugin keeps it.
     */
    public void addPluginRoutes(String plugin, Map<String, byte[]> routeFiles) {
        routeFiles.forEach((name, content) -> {
            Shipped other = shipped.putIfAbsent(name, new Shipped(plugin, content));
            if (other != null && !other.plugin().equals(plugin)) {
                LOG.error("Plugin {} ships route file {}, which plugin {} ships already; the file of {} is ignored", plugin,
                        name, other.plugin(), plugin);
                return;
            }
            shipped.put(name, new Shipped(plugin, content));
            later(() -> sync(name));
        });
    }

    /** Removes the routes a plugin ships (its bundle stops); an operator's override of one stays as it is. */
    public void removePluginRoutes(String plugin) {
        List<String> names = shipped.entrySet().stream().filter(e -> e.getValue().plugin().equals(plugin))
                .map(Map.Entry::getKey).toList();
        names.forEach(shipped::remove);
        names.forEach(name -> later(() -> sync(name)));
    }

    /** On the deploying thread; nothing when the deployer is stopping (the server shuts down). */
    private void later(Runnable work) {
        try {
            deployer.submit(work);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the routes go down with the Camel context
        }
    }

    /**
     * Beans that running routes call ({@code bean:<name>}) and that no installed plugin provides, by route id:
     * such a route starts, but every message it gets waits until a plugin brings the bean.
     */
    public Map<String, String> missingBeans() {
        ModelCamelContext live = camel.context();
        Map<String, String> missing = new java.util.TreeMap<>(waitingFor);
        for (RouteDefinition route : definitions(live)) {
            for (String uri : org.apache.camel.model.RouteDefinitionHelper.gatherAllEndpointUris(live, route, false, true, false)) {
                String bean = beanName(uri);
                if (bean != null && live.getRegistry().lookupByName(bean) == null) {
                    missing.put(route.getId(), bean);
                }
            }
        }
        return missing;
    }

    /** The bean a failure to start says is not in the registry, if that is why it failed. */
    static String missingBean(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.camel.NoSuchBeanException nsb && nsb.getName() != null) {
                return nsb.getName();
            }
        }
        return null;
    }

    /** {@code bean:crmTimeline?method=record} and {@code bean://crmTimeline} name bean crmTimeline. */
    static String beanName(String uri) {
        if (!uri.startsWith("bean:")) {
            return null;
        }
        String rest = uri.substring("bean:".length());
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        int query = rest.indexOf('?');
        String name = query < 0 ? rest : rest.substring(0, query);
        return name.isBlank() || name.startsWith("#") || name.startsWith("type:") || name.startsWith("class:") ? null : name;
    }

    /** Deploys the folder again now (e.g. from the shell) and waits for it. */
    public void rescan() throws Exception {
        checksums.clear();
        Future<?> done = deployer.submit(this::syncAll);
        done.get(60, TimeUnit.SECONDS);
    }

    private void watch() {
        Set<Path> changed = new LinkedHashSet<>();
        try {
            while (true) {
                WatchKey key = changed.isEmpty() ? watchService.take()
                        : watchService.poll(config.debounceMs(), TimeUnit.MILLISECONDS);
                if (key == null) { // quiet long enough: deploy what changed
                    List<String> batch = changed.stream().map(p -> p.getFileName().toString()).toList();
                    changed.clear();
                    deployer.submit(() -> batch.forEach(this::sync));
                    continue;
                }
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        deployer.submit(this::syncAll);
                    } else if (event.context() instanceof Path name && isRouteFile(name)) {
                        changed.add(name);
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // stopping
        }
    }

    public static boolean isRouteFile(Path name) {
        String n = name.getFileName().toString();
        return !n.startsWith(".") && SUFFIXES.stream().anyMatch(n::endsWith);
    }

    private void syncAll() {
        Set<String> present = new java.util.TreeSet<>();
        try (Stream<Path> list = Files.list(folder)) {
            list.filter(RouteDeployer::isRouteFile).forEach(p -> present.add(p.getFileName().toString()));
        } catch (IOException e) {
            LOG.error("Cannot list route folder {}: {}", folder, e.getMessage());
            return;
        }
        present.addAll(shipped.keySet());
        Set<String> gone = new LinkedHashSet<>(files.keySet());
        gone.removeAll(present);
        gone.forEach(this::sync);
        present.forEach(this::sync);
    }

    /**
     * Files rejected while nothing of theirs runs (e.g. waiting for a plugin's component) are tried again. A
     * rejected edit of a file whose previous version runs is not: trying it would stop and restart the good
     * version each time; it is tried when the file is saved again.
     */
    private void retryRejected() {
        files.values().stream().filter(f -> f.status() == RouteFile.Status.REJECTED && f.routeIds().isEmpty())
                .map(RouteFile::name).toList()
                .forEach(name -> {
                    checksums.remove(name);
                    sync(name, false);
                });
    }

    private void sync(String name) {
        sync(name, true);
    }

    /** Brings the running routes of one file name in line with its source: the operator's file, else the plugin's. */
    private void sync(String name, boolean logRejection) {
        Source source = null;
        try {
            source = source(name);
            if (source == null) {
                waitingFor.remove(name);
                if (files.containsKey(name)) {
                    undeploy(name);
                }
                return;
            }
            String checksum = org.vafa.api.crypto.Sha256.hex(source.location().getBytes(StandardCharsets.UTF_8), source.content());
            if (checksum.equals(checksums.get(name))) {
                return; // unchanged (editors fire several events per save)
            }
            checksums.put(name, checksum);
            deploy(name, source, logRejection);
        } catch (Exception e) {
            // not the file's fault (it was read, but deploying it failed): tried again with the rejected files
            checksums.remove(name);
            reject(name, source, files.get(name), "could not be deployed: " + rootMessage(e), true);
            LOG.debug("Route file {} could not be deployed", name, e);
        }
    }

    private Source source(String name) throws IOException {
        Path file = folder.resolve(name);
        Shipped plugin = shipped.get(name);
        if (Files.exists(file)) {
            return new Source("file:" + file, Files.readAllBytes(file), plugin == null ? null : plugin.plugin(), plugin != null);
        }
        return plugin == null ? null : new Source("plugin:" + plugin.plugin() + "/" + name, plugin.content(), plugin.plugin(), false);
    }

    /** How a rejection names where a route id is used. */
    private static String describe(String location) {
        if (location == null) {
            return "a plugin or the platform";
        }
        if (location.startsWith("file:")) {
            return "route file " + Path.of(location.substring("file:".length())).getFileName();
        }
        return location.startsWith("plugin:") ? "the route file of plugin " + location.substring("plugin:".length()) : location;
    }

    private List<RouteDefinition> definitionsOf(ModelCamelContext context, String location) {
        return definitions(context).stream()
                .filter(d -> d.getResource() != null && location.equals(d.getResource().getLocation()))
                .toList();
    }

    /**
     * The model's route definitions as of now. Plugins add and remove their routes from other threads (while
     * the server starts, above all), so the live list is copied rather than iterated.
     */
    private static List<RouteDefinition> definitions(ModelCamelContext context) {
        return new ArrayList<>(context.getRouteDefinitions());
    }

    /** REST resources a file declared (they are not routes: removed from the model by hand). */
    private void removeRests(ModelCamelContext context, String location) {
        context.getRestDefinitions().removeIf(r -> r.getResource() != null && location.equals(r.getResource().getLocation()));
    }

    private void deploy(String name, Source source, boolean logRejection) {
        String location = source.location();
        Resource resource = ResourceHelper.fromBytes(location, source.content());
        ModelCamelContext live = camel.context();
        RouteFile before = files.get(name);
        String running = before == null ? null : before.location();
        List<String> declared;
        try {
            declared = validate(resource);
        } catch (Exception e) {
            reject(name, source, before, "does not parse: " + rootMessage(e), logRejection);
            return;
        }
        // a route id is one route's: a file must not silently replace another file's, a plugin's or the platform's
        List<RouteDefinition> present = definitions(live);
        for (String id : declared) {
            RouteDefinition holder = present.stream().filter(d -> id.equals(d.getId())).findFirst().orElse(null);
            String holderLocation = holder == null || holder.getResource() == null ? null : holder.getResource().getLocation();
            if ((holder != null || live.getRoute(id) != null) && !location.equals(holderLocation)
                    && (holderLocation == null || !holderLocation.equals(running))) {
                reject(name, source, before, "route id '" + id + "' is already used by " + describe(holderLocation)
                        + "; give this route another id", logRejection);
                return;
            }
        }
        List<RouteDefinition> old = running == null ? List.of() : new ArrayList<>(definitionsOf(live, running));
        try {
            camel.changeModel(() -> {
                if (!old.isEmpty()) {
                    live.removeRouteDefinitions(old);
                }
                if (running != null) {
                    removeRests(live, running);
                }
                for (RoutesBuilder builder : PluginHelper.getRoutesLoader(live).findRoutesBuilders(List.of(resource))) {
                    live.addRoutes(builder);
                }
                return null;
            });
        } catch (Exception e) {
            restore(live, location, old);
            String bean = missingBean(e);
            if (bean != null && old.isEmpty()) {
                // an endpoint names a bean (#name) that a plugin not installed or not configured yet provides: the file waits
                // for it (retried every retryMs, health names the bean) rather than failing
                waitingFor.put(name, bean);
                reject(name, source, before, "waits for bean '" + bean + "' (a plugin that provides it is not installed or not"
                        + " configured yet)", false);
                return;
            }
            reject(name, source, before, "does not start: " + rootMessage(e), logRejection);
            return;
        }
        waitingFor.remove(name);
        List<String> ids = definitionsOf(live, location).stream().map(RouteDefinition::getId).toList();
        files.put(name, new RouteFile(name, source.owner(), source.overriding(), location, RouteFile.Status.DEPLOYED, ids, null,
                Instant.now()));
        LOG.info("Route file {} {} from {}: routes {}", name, before == null ? "deployed" : "redeployed", files.get(name).source(), ids);
    }

    /**
     * Parses the file in a scratch context that is never started: syntax, unknown EIPs and options fail here.
     * Returns the route ids the file gives its routes.
     */
    private List<String> validate(Resource resource) throws Exception {
        return camel.withCamelClassLoader(() -> {
            try (DefaultCamelContext scratch = new DefaultCamelContext(false)) {
                scratch.setApplicationContextClassLoader(camel.context().getApplicationContextClassLoader());
                Collection<RoutesBuilder> builders = PluginHelper.getRoutesLoader(scratch).findRoutesBuilders(List.of(resource));
                for (RoutesBuilder builder : builders) {
                    scratch.addRoutes(builder);
                }
                if (scratch.getRouteDefinitions().isEmpty() && scratch.getRestDefinitions().isEmpty()) {
                    throw new IllegalArgumentException("the file declares no route");
                }
                return scratch.getRouteDefinitions().stream().filter(RouteDefinition::hasCustomIdAssigned).map(RouteDefinition::getId)
                        .toList();
            }
        });
    }

    /** Takes out whatever the failed version left and puts the previous version back. */
    private void restore(ModelCamelContext live, String location, List<RouteDefinition> old) {
        camel.changeModel(() -> {
            List<RouteDefinition> leftovers = definitionsOf(live, location);
            if (!leftovers.isEmpty()) {
                live.removeRouteDefinitions(new ArrayList<>(leftovers));
            }
            // a route that failed to start may be registered without a definition
            for (RouteDefinition d : old) {
                if (d.getId() != null && live.getRoute(d.getId()) != null) {
                    live.getRouteController().stopRoute(d.getId());
                    live.removeRoute(d.getId());
                }
            }
            if (!old.isEmpty()) {
                live.addRouteDefinitions(old);
            }
            return null;
        });
    }

    private void reject(String name, Source source, RouteFile before, String reason, boolean log) {
        List<String> stillRunning = before == null ? List.of() : before.routeIds();
        String running = before == null ? null : before.location();
        RouteFile now = new RouteFile(name, source == null ? null : source.owner(), source != null && source.overriding(), running,
                RouteFile.Status.REJECTED, stillRunning, reason, Instant.now());
        boolean sameAsBefore = before != null && reason.equals(before.error());
        files.put(name, now);
        if (!reason.startsWith("waits for bean")) {
            waitingFor.remove(name);
        }
        if (reason.startsWith("waits for bean")) {
            if (!sameAsBefore) {
                LOG.warn("Route file {} {}; it starts when the bean comes", name, reason);
            }
        } else if (log || !sameAsBefore) {
            LOG.error("Route file {} rejected, {}{}", name, reason,
                    stillRunning.isEmpty() ? "" : "; the previous version keeps running (" + stillRunning + ")");
        }
    }

    private void undeploy(String name) throws Exception {
        ModelCamelContext live = camel.context();
        String running = files.get(name).location();
        List<RouteDefinition> defs = running == null ? List.of() : new ArrayList<>(definitionsOf(live, running));
        camel.changeModel(() -> {
            if (!defs.isEmpty()) {
                live.removeRouteDefinitions(defs);
            }
            if (running != null) {
                removeRests(live, running);
            }
            return null;
        });
        files.remove(name);
        checksums.remove(name);
        LOG.info("Route file {} removed: routes {} stopped", name, Arrays.toString(defs.stream().map(RouteDefinition::getId).toArray()));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder msg = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null && !msg.toString().contains(t.getMessage())) {
                msg.append(" (").append(t.getMessage()).append(')');
            }
        }
        return msg.toString().replaceAll("\\s+", " ");
    }
}
