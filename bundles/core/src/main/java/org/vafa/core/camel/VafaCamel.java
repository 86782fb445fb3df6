package org.vafa.core.camel;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.bean.BeanComponent;
import org.apache.camel.BeanScope;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RestConfiguration;
import org.apache.camel.support.DefaultRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.core.camel.events.EventsComponent;
import org.vafa.core.db.VafaDatabase;
import org.vafa.core.events.VafaEventLog;
import org.vafa.core.rest.ApiKeys;
import org.vafa.core.rest.IdempotentRequests;
import org.vafa.core.rest.RestGateway;

/**
 * The one CamelContext of the server. Plugins contribute Java routes (their REST resources) by
 * registering {@link RoutesBuilder} services; operators contribute route files (RouteDeployer).
 */
@Component(service = VafaCamel.class, immediate = true, configurationPid = "org.vafa.rest",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RestConfig.class)
public class VafaCamel {
    private static final Logger LOG = LoggerFactory.getLogger(VafaCamel.class);

    @Reference
    private VafaEventLog eventLog;
    @Reference
    private ApiKeys apiKeys;
    @Reference
    private IdempotentRequests idempotentRequests;
    @Reference
    private org.vafa.core.members.MemberSignIn memberSignIn;
    @Reference
    private org.vafa.core.operators.OperatorSignIn operatorSignIn;
    @Reference
    private org.vafa.core.rest.ScopeGrants scopeGrants;
    @Reference
    private VafaDatabase database;
    @Reference
    private org.osgi.service.component.runtime.ServiceComponentRuntime components;
    @Reference
    private org.vafa.api.cluster.ClusterSingletons cluster;
    @Reference
    private org.vafa.core.metrics.VafaMetrics metrics;

    private final Map<RoutesBuilder, List<String>> pluginRoutes = new ConcurrentHashMap<>();
    private final List<RoutesBuilder> pending = new CopyOnWriteArrayList<>();
    /** The service ids of the bound route builders, and of those whose routes are in the context (health waits for them). */
    private final Map<RoutesBuilder, Long> serviceIds = new ConcurrentHashMap<>();
    private final java.util.Set<Long> addedServiceIds = ConcurrentHashMap.newKeySet();
    private DefaultCamelContext camel;
    private PluginClassResolver classes;
    private OsgiBeans beans;
    private ServiceRegistration<CamelContext> registration;
    private RestConfig config;

    private volatile java.util.function.BooleanSupplier routesSettled = () -> true;
    private volatile java.util.function.Supplier<Map<String, String>> missingBeans = Map::of;
    private volatile BundleContext bundleContext;

    @Activate
    synchronized void activate(BundleContext bundleContext, RestConfig config) throws Exception {
        this.bundleContext = bundleContext;
        this.config = config;
        beans = new OsgiBeans(bundleContext);
        beans.open();
        camel = new DefaultCamelContext(false);
        camel.getCamelContextExtension().setName("vafa");
        camel.addRoutePolicyFactory(new SingletonTimers(cluster));
        camel.getCamelContextExtension().setRegistry(new DefaultRegistry(beans));
        ClassLoader camelLoader = CamelContext.class.getClassLoader();
        camel.setApplicationContextClassLoader(camelLoader);
        classes = new PluginClassResolver(camel.getClassResolver());
        camel.setClassResolver(classes);
        classes.add(this, VafaCamel.class.getClassLoader()); // the platform's own REST types
        camel.addComponent(EventsComponent.SCHEME, new EventsComponent(eventLog));
        camel.addComponent(RestGateway.SCHEME, new RestGateway(apiKeys, idempotentRequests, config.maxBodyBytes(),
                new org.vafa.core.rest.RateLimits(config.rateLimits(), config.memberLookupsPerMinute()), memberSignIn, operatorSignIn, scopeGrants,
                metrics::request));
        camel.getRegistry().bind("vafaIdempotent", new JdbcIdempotentRepository(eventLog.store().dataSource()));

        RestConfiguration rest = camel.getRestConfiguration();
        RestGateway.configureJetty(camel, rest, config.maxBodyBytes(), config.tlsEnabled() ? tls(config) : null);
        rest.setComponent(RestGateway.SCHEME);
        rest.setHost(config.host());
        rest.setPort(config.port());
        rest.setContextPath("/api");
        rest.setBindingMode(RestConfiguration.RestBindingMode.off);
        // route files are deployed one by one: REST must not inline direct: routes of other files
        rest.setInlineRoutes(false);
        rest.setApiProperties(Map.of("api.title", "Vafa", "api.version", "1", "api.description",
                "Loyalty club and CRM integration server. Authenticate with Authorization: Bearer <API key>.",
                "host", ("0.0.0.0".equals(config.host()) ? "localhost" : config.host()) + ":" + config.port(),
                "base.path", "/api"));

        withCamelClassLoader(() -> {
            camel.build();
            camel.getComponent("bean", BeanComponent.class).setScope(BeanScope.Prototype);
            // A message for a direct: route that is being swapped waits for the new version, but not the
            // default 30 s when a plugin is gone for good (the caller gets a 503 problem then).
            camel.getComponent("direct", org.apache.camel.component.direct.DirectComponent.class).setTimeout(5000);
            // Not failures to log at ERROR with the message history on every attempt: a Problem is a client's (or
            // an event's) bad input, answered as a 4xx or parked by its subscription; a missing bean is a plugin not
            // installed (yet): one WARN line per attempt
            camel.addRoutes(new org.apache.camel.builder.RouteConfigurationBuilder() {
                @Override
                public void configuration() {
                    routeConfiguration().onException(org.vafa.api.rest.Problem.class).logExhausted(false).logStackTrace(false);
                    routeConfiguration().onException(org.apache.camel.NoSuchBeanException.class)
                            .retriesExhaustedLogLevel(org.apache.camel.LoggingLevel.WARN).logStackTrace(false)
                            .logExhaustedMessageHistory(false);
                }
            });
            // UP once every boot feature is installed and the route files have been deployed after that
            camel.addRoutes(new PlatformRoutes(eventLog, database, () -> bootFinished() && routesSettled.getAsBoolean(),
                    () -> missingBeans.get(), metrics, cluster));
            camel.start();
            return null;
        });
        pending.forEach(this::addPluginRoutes);
        pending.clear();
        registration = bundleContext.registerService(CamelContext.class, camel, new Hashtable<>(Map.of("name", "vafa")));
        LOG.info("Camel {} started, REST on port {}", camel.getVersion(), config.port());
    }

    /** The server's key for HTTPS, from the keystore and the password in the environment (never in a file). */
    private static org.apache.camel.support.jsse.SSLContextParameters tls(RestConfig config) {
        if (config.tlsKeystore().isBlank()) {
            throw new IllegalStateException("tlsEnabled needs tlsKeystore (PID org.vafa.rest)");
        }
        String password = System.getenv(config.tlsKeystorePasswordEnv());
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException("tlsEnabled needs the keystore's password in the environment variable "
                    + config.tlsKeystorePasswordEnv());
        }
        java.nio.file.Path keystore = java.nio.file.Path.of(System.getProperty("karaf.etc", "etc")).resolve(config.tlsKeystore());
        org.apache.camel.support.jsse.KeyStoreParameters store = new org.apache.camel.support.jsse.KeyStoreParameters();
        store.setResource(keystore.toUri().toString());
        store.setType("PKCS12");
        store.setPassword(password);
        org.apache.camel.support.jsse.KeyManagersParameters keys = new org.apache.camel.support.jsse.KeyManagersParameters();
        keys.setKeyStore(store);
        keys.setKeyPassword(password);
        org.apache.camel.support.jsse.SSLContextParameters ssl = new org.apache.camel.support.jsse.SSLContextParameters();
        ssl.setKeyManagers(keys);
        return ssl;
    }

    /**
     * Whether Karaf has installed every boot feature (its BootFinished service, looked up by name: no API
     * dependency) and every started Vafa bundle's REST resources serve: Declarative Services activates a
     * bundle's components after the bundle started, so each component that provides routes must be active
     * and its routes added to the context (not only bound) before the server says it is up.
     */
    public boolean bootFinished() {
        BundleContext context = bundleContext;
        return context != null && context.getServiceReference("org.apache.karaf.features.BootFinished") != null
                && pluginRoutesIn(context);
    }

    private boolean pluginRoutesIn(BundleContext context) {
        // on a restart Karaf's boot is "finished" at once (its features are installed) while the framework is still
        // raising the start level and starting the bundles one by one (the system bundle is ACTIVE meanwhile)
        var startLevel = context.getBundle(0).adapt(org.osgi.framework.startlevel.FrameworkStartLevel.class);
        String beginning = context.getProperty(org.osgi.framework.Constants.FRAMEWORK_BEGINNING_STARTLEVEL);
        if (context.getBundle(0).getState() != org.osgi.framework.Bundle.ACTIVE
                || beginning != null && beginning.matches("[0-9]+") && startLevel.getStartLevel() < Integer.parseInt(beginning)) {
            return false;
        }
        for (org.osgi.framework.Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName() == null || !bundle.getSymbolicName().startsWith("org.vafa.")) {
                continue;
            }
            // a bundle the framework is to start (not one an operator stopped) that is not started yet
            var bundleLevel = bundle.adapt(org.osgi.framework.startlevel.BundleStartLevel.class);
            if (bundleLevel != null && bundleLevel.isPersistentlyStarted() && bundle.getState() != org.osgi.framework.Bundle.ACTIVE
                    && bundle.getState() != org.osgi.framework.Bundle.INSTALLED) {
                return false;
            }
            // an active plugin whose migrations and own routes are not done yet
            String plugin = bundle.getHeaders("").get(org.vafa.api.plugin.PluginReady.HEADER);
            if (plugin != null && bundle.getState() == org.osgi.framework.Bundle.ACTIVE && !pluginReady(context, plugin)) {
                return false;
            }
            if (bundle.getHeaders().get("Service-Component") == null) {
                continue;
            }
            if (bundle.getState() == org.osgi.framework.Bundle.STARTING) {
                return false;
            }
            if (bundle.getState() != org.osgi.framework.Bundle.ACTIVE) {
                continue; // stopped by an operator, or failed to start (its log says why)
            }
            org.osgi.framework.ServiceReference<?>[] registered = bundle.getRegisteredServices();
            for (org.osgi.framework.ServiceReference<?> ref : registered == null ? new org.osgi.framework.ServiceReference<?>[0] : registered) {
                // an active component whose routes the context has not taken in yet: a request would find no resource
                if (java.util.Arrays.asList((String[]) ref.getProperty(org.osgi.framework.Constants.OBJECTCLASS))
                        .contains(RoutesBuilder.class.getName()) && !addedServiceIds.contains((Long) ref.getProperty(org.osgi.framework.Constants.SERVICE_ID))) {
                    return false;
                }
            }
            var descriptions = components.getComponentDescriptionDTOs(bundle);
            if (descriptions.isEmpty()) {
                return false; // SCR has not read the bundle yet
            }
            for (var description : descriptions) {
                var configurations = components.getComponentConfigurationDTOs(description);
                // one that runs only once an operator configures it (e.g. the Torob feed) is not waited for until then
                boolean notConfigured = "require".equals(description.configurationPolicy) && configurations.stream()
                        .allMatch(c -> c.state == org.osgi.service.component.runtime.dto.ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION);
                if (java.util.Arrays.asList(description.serviceInterfaces).contains(RoutesBuilder.class.getName())
                        && components.isComponentEnabled(description) && !notConfigured
                        && configurations.stream()
                                .noneMatch(c -> c.state == org.osgi.service.component.runtime.dto.ComponentConfigurationDTO.ACTIVE)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean pluginReady(BundleContext context, String plugin) {
        try {
            return !context.getServiceReferences(org.vafa.api.plugin.PluginReady.class,
                    "(" + org.vafa.api.plugin.PluginReady.NAME + "=" + plugin + ")").isEmpty();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            return false;
        }
    }

    /** Where health learns which beans running routes call that no plugin provides (route id to bean name). */
    public void missingBeansFrom(java.util.function.Supplier<Map<String, String>> source) {
        missingBeans = source;
    }

    /**
     * The route deployer says when the route files have been deployed with every plugin in: until then
     * health answers STARTING, so that no client's event comes before the subscriptions of the shipped
     * routes start (a new subscription starts at the end of the log).
     */
    public void routesSettledWhen(java.util.function.BooleanSupplier settled) {
        routesSettled = settled;
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        if (camel != null) {
            withCamelClassLoader(() -> {
                camel.stop();
                return null;
            });
        }
        if (beans != null) {
            beans.close();
        }
    }

    /** Java routes of plugin bundles (their REST resources, reactions they own). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addRoutesBuilder(RoutesBuilder builder, Map<String, Object> properties) {
        serviceIds.put(builder, (Long) properties.get(org.osgi.framework.Constants.SERVICE_ID));
        if (camel == null || !camel.isStarted()) {
            pending.add(builder); // bound before activation: added once the context runs
        } else {
            addPluginRoutes(builder);
        }
    }

    synchronized void removeRoutesBuilder(RoutesBuilder builder) {
        pending.remove(builder);
        Long serviceId = serviceIds.remove(builder);
        if (serviceId != null) {
            addedServiceIds.remove(serviceId);
        }
        if (classes != null) {
            classes.remove(builder);
        }
        if (builder instanceof RouteBuilder rb && camel != null) {
            // its REST resources leave the OpenAPI document too
            camel.getRestDefinitions().removeAll(rb.getRestCollection().getRests());
        }
        List<String> ids = pluginRoutes.remove(builder);
        if (ids != null && camel != null) {
            // Routes clients reach (REST) stop first, the direct: routes behind them last: a request
            // that got in before must not find its direct: route gone.
            List<String> ordered = new java.util.ArrayList<>(ids);
            ordered.sort(java.util.Comparator.comparing(id -> camel.getRoute(id) != null
                    && camel.getRoute(id).getEndpoint().getEndpointUri().startsWith("direct:")));
            for (String id : ordered) {
                try {
                    camel.getRouteController().stopRoute(id);
                    camel.removeRoute(id);
                } catch (Exception e) {
                    LOG.warn("Could not remove route {}: {}", id, e.getMessage());
                }
            }
        }
    }

    private void addPluginRoutes(RoutesBuilder builder) {
        classes.add(builder, builder.getClass().getClassLoader());
        try {
            withCamelClassLoader(() -> {
                camel.addRoutes(builder);
                return null;
            });
            if (builder instanceof RouteBuilder rb) {
                pluginRoutes.put(builder, rb.getRouteCollection().getRoutes().stream().map(RouteDefinition::getId).toList());
            }
            Long serviceId = serviceIds.get(builder);
            if (serviceId != null) {
                addedServiceIds.add(serviceId);
            }
        } catch (Exception e) {
            LOG.error("Routes of {} could not be added: {}", builder, e.getMessage(), e);
        }
    }

    public ModelCamelContext context() {
        return camel;
    }

    public RestConfig restConfig() {
        return config;
    }

    /**
     * Changes the route or REST model: one change at a time, plugins' Java routes and route files alike (Camel's model
     * lists are not safe for changes from two threads: a REST definition added while another is removed went missing).
     */
    public synchronized <T> T changeModel(CheckedSupplier<T> work) {
        return withCamelClassLoader(work);
    }

    /** Camel finds its factories, Jetty and Kafka their classes, through the Camel bundle's class loader. */
    public <T> T withCamelClassLoader(CheckedSupplier<T> work) {
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(CamelContext.class.getClassLoader());
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            t.setContextClassLoader(old);
        }
    }

    @FunctionalInterface
    public interface CheckedSupplier<T> {
        T get() throws Exception;
    }
}
