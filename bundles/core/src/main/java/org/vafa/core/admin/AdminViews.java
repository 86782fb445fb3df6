package org.vafa.core.admin;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.vafa.core.events.EventTransport;

/** What {@code /api/admin} takes and answers, as records: the JSON and the OpenAPI schemas come from these. */
public final class AdminViews {
    private AdminViews() {
    }

    /** A route of a file and its state (Started, Stopped, ...). */
    public record RouteView(String id, String state) {
    }

    /** A route file: owner null for the operator's own; overriding when it replaces a plugin's file of that name. */
    public record RouteFileView(String file, String owner, boolean overriding, String status, String error, Instant changedAt,
                                List<RouteView> routes) {
    }

    /** A route file's text. */
    public record RouteFileText(String file, String content) {
    }

    /** The body of PUT /api/admin/routes/{file}. */
    public record RouteFileWrite(String content) {
    }

    /** The subscriptions and the transport that delivers to them. */
    public record Subscriptions(String transport, long logEnd, List<EventTransport.SubscriptionState> subscriptions) {
    }

    /** The body of POST /api/admin/keys. */
    public record KeyRequest(String name, List<String> scopes) {
    }

    /** A key as listed (never its secret). */
    public record KeyView(String name, Set<String> scopes, Instant createdAt, Instant revokedAt) {
    }

    /** A new key: its secret is in this answer only. */
    public record NewKey(String name, Set<String> scopes, Instant createdAt, String key) {
    }

    /** A plugin started now: its name, its bundle and version, the route files it ships. */
    public record PluginView(String name, String bundle, String version, List<String> routeFiles) {
    }

    /** A retry asked for. */
    public record RetryRequested(long id, String retry) {
    }
}
