package org.vafa.core.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.vafa.api.events.CloudEvent;
import org.vafa.api.rest.Problem;
import org.vafa.core.db.VafaDatabase;
import org.vafa.core.events.Json;
import org.vafa.core.events.TypeFilter;
import org.vafa.core.events.VafaEventLog;

/** REST resources of the platform itself: health, and publishing an event by hand (admin). */
final class PlatformRoutes extends RouteBuilder {
    private final VafaEventLog eventLog;
    private final VafaDatabase database;
    private final java.util.function.BooleanSupplier bootFinished;
    private final java.util.function.Supplier<java.util.Map<String, String>> missingBeans;
    private final org.vafa.core.metrics.VafaMetrics metrics;
    private final org.vafa.api.cluster.ClusterSingletons cluster;

    /**
     * @param bootFinished whether Karaf has installed every boot feature (all plugins' resources are there)
     * @param missingBeans beans that running routes call and no installed plugin provides, by route id
     */
    PlatformRoutes(VafaEventLog eventLog, VafaDatabase database, java.util.function.BooleanSupplier bootFinished,
                   java.util.function.Supplier<java.util.Map<String, String>> missingBeans, org.vafa.core.metrics.VafaMetrics metrics,
                   org.vafa.api.cluster.ClusterSingletons cluster) {
        this.metrics = metrics;
        this.cluster = cluster;
        this.eventLog = eventLog;
        this.database = database;
        this.bootFinished = bootFinished;
        this.missingBeans = missingBeans;
    }

    @Override
    public void configure() {
        rest("/openapi.json").description("API description")
                .get().id("api-openapi").produces("application/json")
                .description("The OpenAPI 3 document of every endpoint, as installed now; needs no API key")
                .to("direct:vafa-openapi");
        from("direct:vafa-openapi").routeId("vafa-openapi").process(this::openApi);

        rest("/health").description("Server health")
                .get().id("api-health").produces("application/json")
                .description("State of the database and of event dispatch; needs no API key")
                .to("direct:vafa-health");
        from("direct:vafa-health").routeId("vafa-health").process(this::health);

        rest("/metrics").description("Metrics")
                .get().id("api-metrics").produces("text/plain")
                .description("This node's metrics in Prometheus' text format: REST requests, subscriptions' backlog, parked"
                        + " deliveries, the SMS outbox, the database pool, the JVM. Scope metrics (a key for the Prometheus server only).")
                .to("direct:vafa-metrics");
        from("direct:vafa-metrics").routeId("vafa-metrics").process(e -> {
            e.getMessage().setBody(metrics.scrape());
            e.getMessage().setHeader(org.apache.camel.Exchange.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        });

        rest("/admin/events").description("The event log")
                .post().id("api-admin-publish-event").consumes("application/json").produces("application/json")
                .description("Publishes an event (type, subject, data) as an operator would, e.g. to try a route."
                        + " Scope admin.")
                .to("direct:vafa-publish-event")
                .get().id("api-admin-list-events").produces("application/json")
                .description("Events of the log in order: ?type=club.member.* (default all), &after=<sequence>, &limit=<1..1000>;"
                        + " &waitSeconds=<0..30> waits that long for the first one when there is none yet (a live tail). Scope admin.")
                .param().name("type").type(org.apache.camel.model.rest.RestParamType.query).required(false).endParam()
                .param().name("after").type(org.apache.camel.model.rest.RestParamType.query).required(false).endParam()
                .param().name("limit").type(org.apache.camel.model.rest.RestParamType.query).required(false).endParam()
                .param().name("waitSeconds").type(org.apache.camel.model.rest.RestParamType.query).required(false).endParam()
                .to("direct:vafa-list-events");
        from("direct:vafa-list-events").routeId("vafa-list-events").process(this::list);
        from("direct:vafa-publish-event").routeId("vafa-publish-event").process(this::publish);
    }

    /** The rendered OpenAPI document and the REST resources it was rendered for. */
    private record OpenApi(String resources, String body) {
    }

    private volatile OpenApi openApi = new OpenApi("", null);

    /**
     * Rendered again only when the REST resources changed (a plugin or route file came or went): Camel's
     * own api-doc endpoint keeps its first rendering forever, which would hide later plugins.
     */
    private void openApi(Exchange exchange) throws Exception {
        String resources = exchange.getContext().getCamelContextExtension().getContextPlugin(org.apache.camel.model.Model.class)
                .getRestDefinitions().stream()
                .flatMap(r -> r.getVerbs().stream().map(v -> r.getPath() + " " + v.asVerb() + " " + v.getPath()))
                .sorted().reduce("", (a, b) -> a + "\n" + b);
        OpenApi cached = openApi;
        if (!resources.equals(cached.resources()) || cached.body() == null) {
            org.apache.camel.spi.RestConfiguration config = exchange.getContext().getRestConfiguration();
            org.apache.camel.openapi.RestOpenApiProcessor renderer =
                    new org.apache.camel.openapi.RestOpenApiProcessor(new java.util.HashMap<>(config.getApiProperties()), config);
            renderer.setCamelContext(exchange.getContext());
            renderer.start();
            try {
                renderer.process(exchange);
            } finally {
                renderer.stop();
            }
            cached = new OpenApi(resources, completed(exchange.getMessage().getBody(String.class)));
            openApi = cached;
        }
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(cached.body());
    }

    /**
     * What Camel's rendering leaves out and a client generator needs: a description on every response (the
     * specification requires one), and the error every operation may answer, an RFC 9457 problem naming the field.
     */
    static String completed(String rendered) throws java.io.IOException {
        ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(rendered);
        ObjectNode schemas = doc.withObjectProperty("components").withObjectProperty("schemas");
        ObjectNode problem = schemas.putObject("Problem");
        problem.put("type", "object");
        problem.put("description", "RFC 9457 problem details (application/problem+json)");
        ObjectNode props = problem.putObject("properties");
        for (String text : java.util.List.of("type", "title", "detail", "instance", "field")) {
            props.putObject(text).put("type", "string");
        }
        props.putObject("status").put("type", "integer");
        doc.path("paths").forEach(path -> path.forEach(operation -> {
            if (!operation.isObject() || !operation.has("responses")) {
                return;
            }
            ObjectNode responses = (ObjectNode) operation.get("responses");
            responses.fields().forEachRemaining(r -> {
                if (r.getValue().isObject() && !r.getValue().has("description")) {
                    ((ObjectNode) r.getValue()).put("description", "The answer");
                }
            });
            if (!responses.has("4XX")) {
                ObjectNode refused = responses.putObject("4XX");
                refused.put("description", "Refused: bad input (400, naming the field), no or wrong key (401, 403), not found (404),"
                        + " conflict (409), too many requests (429)");
                refused.putObject("content").putObject("application/problem+json").putObject("schema")
                        .put("$ref", "#/components/schemas/Problem");
            }
        }));
        return Json.MAPPER.writeValueAsString(doc);
    }

    /** The last health answer and when it was made: probes and load balancers poll, the database is asked once a second. */
    private record Health(long madeAtNanos, int status, String body) {
    }

    private volatile Health health = new Health(System.nanoTime() - 2_000_000_000L, 0, null);

    private void health(Exchange exchange) {
        Health cached = health;
        if (System.nanoTime() - cached.madeAtNanos() > 1_000_000_000L) {
            cached = checkHealth();
            health = cached;
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, cached.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader("Cache-Control", "no-store");
        exchange.getMessage().setBody(cached.body());
    }

    private Health checkHealth() {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        if (!bootFinished.getAsBoolean()) {
            // a readiness probe waits; nothing in this answer reads like "up"
            answer.put("status", "STARTING");
            answer.put("detail", "Plugins and route files are being started");
            return new Health(System.nanoTime(), 503, answer.toString());
        }
        boolean dbUp;
        try (Connection c = database.dataSource().getConnection()) {
            dbUp = c.isValid(2);
        } catch (Exception e) {
            dbUp = false;
            org.slf4j.LoggerFactory.getLogger(PlatformRoutes.class).warn("Health: the database is unreachable: {}", e.getMessage());
        }
        boolean eventsUp = dbUp && eventLog.sequencer().isRunning() && eventLog.sequencer().lastError() == null;
        boolean up = dbUp && eventsUp;
        java.util.Map<String, String> missing = missingBeans.get();
        // serving, but a route waits for a plugin that is not installed: its events queue up in its subscription
        answer.put("status", !up ? "DOWN" : missing.isEmpty() ? "UP" : "DEGRADED");
        ObjectNode db = answer.putObject("database");
        db.put("vendor", database.vendor());
        db.put("status", dbUp ? "UP" : "DOWN");
        if (!dbUp) {
            db.put("detail", "unreachable; the server log has the reason"); // never the driver's text: it may name hosts and users
        }
        ObjectNode events = answer.putObject("events");
        events.put("transport", eventLog.transport().name());
        events.put("status", eventsUp ? "UP" : "DOWN");
        if (dbUp) {
            events.put("lastSequence", eventLog.store().lastSequence());
            events.put("waitingForSequence", eventLog.store().unsequencedCount());
        }
        if (eventLog.sequencer().lastError() != null) {
            events.put("detail", "event sequencing fails; the server log has the reason");
        }
        answer.put("node", cluster.nodeId());
        if (dbUp) {
            ObjectNode subscriptions = events.putObject("subscriptions");
            for (org.vafa.core.events.EventTransport.SubscriptionState s : eventLog.transport().subscriptions()) {
                ObjectNode one = subscriptions.putObject(s.name());
                one.put("backlog", s.backlog());
                one.put("parked", s.parked());
                one.put("onThisNode", s.onThisNode());
            }
            // which node runs each piece of work done once for the cluster (timer routes, the relay, senders)
            ObjectNode singletons = answer.putObject("singletons");
            cluster.holders().forEach(h -> singletons.put(h.singleton(), h.lapsed() ? "(lapsed: " + h.node() + ")" : h.node()));
        }
        if (eventLog.transport() instanceof org.vafa.core.events.KafkaTransport kafka && kafka.relayError() != null) {
            events.put("relay", "the relay to Kafka fails; events wait in the log; the server log has the reason");
        }
        ObjectNode routes = answer.putObject("routes");
        routes.put("status", missing.isEmpty() ? "UP" : "DEGRADED");
        if (!missing.isEmpty()) {
            routes.put("detail", "routes call beans that no installed plugin provides; their events wait until one does");
            ObjectNode waiting = routes.putObject("missingBeans");
            missing.forEach(waiting::put);
        }
        return new Health(System.nanoTime(), up ? 200 : 503, answer.toString());
    }

    private void publish(Exchange exchange) throws Exception {
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            throw Problem.badRequest("A JSON body is required: {\"type\": ..., \"subject\": ..., \"data\": {...}}");
        }
        JsonNode json = org.vafa.api.rest.RestJson.parse(body);
        if (!json.isObject()) {
            throw Problem.badRequest("The body must be a JSON object");
        }
        String type = text(json, "type", true);
        try {
            TypeFilter.parse(type);
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField("type", e.getMessage());
        }
        if (type.contains("*") || type.contains(",")) {
            throw Problem.invalidField("type", "An event has one type, without '*' or ','");
        }
        String subject = text(json, "subject", false);
        String source = json.has("source") ? text(json, "source", true) : "admin";
        JsonNode data = json.get("data");
        CloudEvent event = eventLog.publish(source, type, subject, data == null ? null : data.toString());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/cloudevents+json");
        exchange.getMessage().setBody(Json.envelope(event).toString());
    }

    private void list(Exchange exchange) throws InterruptedException {
        org.apache.camel.Message in = exchange.getMessage();
        TypeFilter types;
        try {
            types = TypeFilter.parse(in.getHeader("type", "*", String.class));
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField("type", e.getMessage());
        }
        long after = number(in, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) number(in, "limit", 100, 1, 1000);
        com.fasterxml.jackson.databind.node.ArrayNode events = Json.MAPPER.createArrayNode();
        long waitMs = number(in, "waitSeconds", 0, 0, 30) * 1000;
        for (CloudEvent e : eventLog.read(types, after, limit, waitMs)) {
            events.add(Json.envelope(e));
        }
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody(events.toString());
    }

    private static long number(org.apache.camel.Message in, String name, long fallback, long min, long max) {
        String text = in.getHeader(name, String.class);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Problem.invalidField(name, "'" + name + "' must be a whole number from " + min + " to " + max);
    }

    private static String text(JsonNode json, String field, boolean required) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw Problem.invalidField(field, "'" + field + "' is required");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > 200) {
            throw Problem.invalidField(field, "'" + field + "' must be a string of 1 to 200 characters");
        }
        return node.asText();
    }
}
