package org.vafa.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.core.plugins.PluginExtender;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestJson;
import org.vafa.core.camel.VafaCamel;
import org.vafa.core.events.EventStore;
import org.vafa.core.events.VafaEventLog;
import org.vafa.core.rest.ApiKeys;
import org.vafa.core.routes.RouteDeployer;
import org.vafa.core.routes.RouteFile;

/**
 * The operator's functions over REST, under {@code /api/admin} (scope {@code admin}): route files (list with state,
 * owner and last error; read; write with the same validate-then-swap as a file saved in routes/; delete),
 * subscriptions with their backlog, parked deliveries (list, retry) and API keys. The {@code vafa:} shell commands
 * use the same services; the events are {@code /api/admin/events} (with a live tail).
 */
@Component(service = RoutesBuilder.class)
public class AdminRestRoutes extends RouteBuilder {
    private static final String JSON = "application/json";

    private final RouteDeployer routeFiles;
    private final VafaEventLog eventLog;
    private final ApiKeys keys;
    private final VafaCamel camel;

    private final PluginExtender plugins;

    @Activate
    public AdminRestRoutes(@Reference RouteDeployer routeFiles, @Reference VafaEventLog eventLog, @Reference ApiKeys keys,
                           @Reference VafaCamel camel, @Reference PluginExtender plugins) {
        this.plugins = plugins;
        this.routeFiles = routeFiles;
        this.eventLog = eventLog;
        this.keys = keys;
        this.camel = camel;
    }

    @Override
    public void configure() {
        rest("/admin/routes").description("Route files: the integrations operators edit while the server runs")
                .get().id("api-admin-routes").produces(JSON).outType(AdminViews.RouteFileView[].class)
                .description("Every route file: its owner (a plugin, or routes/), whether it overrides a plugin's, its state,"
                        + " last error, and its routes with their state")
                .to("direct:admin-routes")
                .get("/{file}").id("api-admin-route-read").produces(JSON).outType(AdminViews.RouteFileText.class)
                .description("A route file's text (the one that is in force)")
                .to("direct:admin-route-read")
                .put("/{file}").id("api-admin-route-write").consumes(JSON).produces(JSON).type(AdminViews.RouteFileWrite.class)
                .outType(AdminViews.RouteFileView.class)
                .description("{content}: writes the file into routes/ if it parses (else 400 and nothing changes), then answers its"
                        + " state once deployed or rejected; a file named as a plugin's overrides it")
                .to("direct:admin-route-write")
                .delete("/{file}").id("api-admin-route-delete").produces(JSON).outType(AdminViews.RouteFileView.class)
                .description("Deletes the operator's file: its routes stop (for an override, the plugin's own comes back)")
                .to("direct:admin-route-delete");
        rest("/admin/plugins").description("Plugins")
                .get().id("api-admin-plugins").produces(JSON).outType(AdminViews.PluginView[].class)
                .description("The plugins started now (feature installed, bundle active, tables migrated), by name")
                .to("direct:admin-plugins");
        from("direct:admin-plugins").routeId("admin-plugins").process(e -> RestJson.answer(e, 200, RestJson.MAPPER.valueToTree(
                plugins.plugins().values().stream().sorted(java.util.Comparator.comparing(PluginExtender.Plugin::name))
                        .map(p -> new AdminViews.PluginView(p.name(), p.bundle().getSymbolicName(), p.bundle().getVersion().toString(),
                                p.routeFiles())).toList())));
        rest("/admin/subscriptions").description("Durable subscriptions")
                .get().id("api-admin-subscriptions").produces(JSON).outType(AdminViews.Subscriptions.class)
                .description("Each subscription: types, position, backlog (lag), parked deliveries, running, what it waits for")
                .to("direct:admin-subscriptions");
        rest("/admin/parked").description("Deliveries that failed every attempt")
                .get().id("api-admin-parked").produces(JSON).outType(EventStore.ParkedDelivery[].class)
                .description("Parked deliveries, ?subscription= for one")
                .param().name("subscription").type(RestParamType.query).required(false).endParam()
                .to("direct:admin-parked")
                .post("/{id}/retry").id("api-admin-parked-retry").produces(JSON).outType(AdminViews.RetryRequested.class)
                .description("Delivers a parked event again (in log order per subject)")
                .to("direct:admin-parked-retry");
        rest("/admin/keys").description("API keys")
                .get().id("api-admin-keys").produces(JSON).outType(AdminViews.KeyView[].class).description("Every key: name, scopes, created, revoked (never the secret)")
                .to("direct:admin-keys")
                .post().id("api-admin-key-create").consumes(JSON).produces(JSON).type(AdminViews.KeyRequest.class)
                .outType(AdminViews.NewKey.class)
                .description("{name, scopes: [...]}: a new key; its secret is in this answer only")
                .to("direct:admin-key-create")
                .delete("/{name}").id("api-admin-key-revoke").produces(JSON).outType(AdminViews.KeyView.class).description("Revokes a key at once")
                .to("direct:admin-key-revoke");

        from("direct:admin-routes").routeId("admin-routes").process(e -> {
            ArrayNode list = RestJson.MAPPER.createArrayNode();
            routeFiles.files().forEach(f -> list.add(file(f)));
            RestJson.answer(e, 200, list);
        });
        from("direct:admin-route-read").routeId("admin-route-read").process(e -> {
            String name = fileName(e);
            String content = routeFiles.read(name).orElseThrow(() -> Problem.notFound("No route file " + name));
            RestJson.answer(e, 200, RestJson.MAPPER.valueToTree(new AdminViews.RouteFileText(name, content)));
        });
        from("direct:admin-route-write").routeId("admin-route-write").process(e -> {
            String name = fileName(e);
            JsonNode body = RestJson.jsonBody(e);
            JsonNode content = body.get("content");
            if (content == null || !content.isTextual() || content.asText().isBlank()) {
                throw Problem.invalidField("content", "content is the route file's text (YAML or XML)");
            }
            RouteFile written;
            try {
                written = routeFiles.write(name, content.asText());
            } catch (IllegalArgumentException e1) {
                throw Problem.invalidField("content", e1.getMessage());
            }
            RestJson.answer(e, written.status() == RouteFile.Status.DEPLOYED ? 200 : 422, file(written));
        });
        from("direct:admin-route-delete").routeId("admin-route-delete").process(e -> {
            String name = fileName(e);
            try {
                RestJson.answer(e, 200, routeFiles.delete(name).map(this::file)
                        .orElseGet(() -> RestJson.MAPPER.valueToTree(new AdminViews.RouteFileView(name, null, false, "DELETED", null,
                                java.time.Instant.now(), List.of()))));
            } catch (IllegalStateException plugins) {
                throw Problem.conflict(plugins.getMessage());
            } catch (NoSuchElementException missing) {
                throw Problem.notFound(missing.getMessage());
            }
        });
        from("direct:admin-subscriptions").routeId("admin-subscriptions").process(e -> {
            RestJson.answer(e, 200, RestJson.MAPPER.valueToTree(new AdminViews.Subscriptions(eventLog.transport().name(),
                    eventLog.store().lastSequence(), eventLog.transport().subscriptions())));
        });
        from("direct:admin-parked").routeId("admin-parked").process(e -> {
            ArrayNode list = RestJson.MAPPER.createArrayNode();
            for (EventStore.ParkedDelivery p : eventLog.store().parked(e.getMessage().getHeader("subscription", String.class), false)) {
                list.add(RestJson.MAPPER.valueToTree(p));
            }
            RestJson.answer(e, 200, list);
        });
        from("direct:admin-parked-retry").routeId("admin-parked-retry").process(e -> {
            long id;
            try {
                id = Long.parseLong(e.getMessage().getHeader("id", String.class));
            } catch (NumberFormatException notANumber) {
                throw Problem.invalidField("id", "id is a parked delivery's number (GET /api/admin/parked)");
            }
            if (!eventLog.retryParked(id)) {
                throw Problem.notFound("No parked delivery " + id);
            }
            RestJson.answer(e, 202, RestJson.MAPPER.valueToTree(new AdminViews.RetryRequested(id, "requested")));
        });
        from("direct:admin-keys").routeId("admin-keys").process(e -> {
            ArrayNode list = RestJson.MAPPER.createArrayNode();
            keys.list().forEach(k -> list.add(RestJson.MAPPER.valueToTree(view(k))));
            RestJson.answer(e, 200, list);
        });
        from("direct:admin-key-create").routeId("admin-key-create").process(e -> {
            JsonNode body = RestJson.jsonBody(e);
            JsonNode name = body.get("name");
            JsonNode scopes = body.get("scopes");
            if (name == null || !name.isTextual()) {
                throw Problem.invalidField("name", "name is 1-100 letters, digits, '.', '-' or '_'");
            }
            if (scopes == null || !scopes.isArray() || scopes.isEmpty()) {
                throw Problem.invalidField("scopes", "scopes is a list of API areas, e.g. [\"pos\"] or [\"admin\"]");
            }
            Set<String> set = new LinkedHashSet<>();
            for (JsonNode scope : scopes) {
                if (!scope.isTextual()) {
                    throw Problem.invalidField("scopes", "each scope is a string");
                }
                set.add(scope.asText());
            }
            String secret;
            try {
                secret = keys.create(name.asText(), set);
            } catch (IllegalArgumentException invalid) {
                throw Problem.invalidField(invalid.getMessage().startsWith("Invalid scope") || invalid.getMessage().startsWith("A key needs")
                        ? "scopes" : "name", invalid.getMessage());
            }
            ApiKeys.ApiKey created = keys.find(name.asText()).orElseThrow();
            RestJson.answer(e, 201, RestJson.MAPPER.valueToTree(new AdminViews.NewKey(created.name(), created.scopes(), created.createdAt(),
                    secret)));
        });
        from("direct:admin-key-revoke").routeId("admin-key-revoke").process(e -> {
            String name = e.getMessage().getHeader("name", String.class);
            if (!keys.revoke(name)) {
                throw Problem.notFound("No active key " + name);
            }
            RestJson.answer(e, 200, RestJson.MAPPER.valueToTree(view(keys.find(name).orElseThrow())));
        });
    }

    private static String fileName(Exchange e) {
        String name = e.getMessage().getHeader("file", String.class);
        try {
            return RouteDeployer.checkName(name);
        } catch (IllegalArgumentException invalid) {
            throw Problem.invalidField("file", invalid.getMessage());
        }
    }

    private static AdminViews.KeyView view(ApiKeys.ApiKey k) {
        return new AdminViews.KeyView(k.name(), k.scopes(), k.createdAt(), k.revokedAt());
    }

    private JsonNode file(RouteFile f) {
        List<AdminViews.RouteView> routes = f.routeIds().stream().map(id -> {
            ServiceStatus state = camel.context().getRouteController().getRouteStatus(id);
            return new AdminViews.RouteView(id, state == null ? "Stopped" : state.name());
        }).toList();
        return RestJson.MAPPER.valueToTree(new AdminViews.RouteFileView(f.name(), f.owner(), f.overriding(), f.status().name(), f.error(),
                f.changedAt(), routes));
    }
}
