package org.vafa.core.routes;

import java.time.Instant;
import java.util.List;

/**
 * What the deployer knows about one route file name, as the shell and the admin API show it.
 *
 * @param name       the file name, e.g. {@code club-daily.camel.yaml}
 * @param owner      the plugin that ships a file of this name, or null for an operator's own file
 * @param overriding true when an operator's file in {@code routes/} replaces the plugin's file of that name
 * @param location   where the running routes were read from ({@code file:...} or {@code plugin:<name>/<file>}),
 *                   null while nothing of this name runs
 */
public record RouteFile(String name, String owner, boolean overriding, String location, Status status,
                        List<String> routeIds, String error, Instant changedAt) {

    public enum Status {
        /** its routes run the current version of the file */
        DEPLOYED,
        /** the current version was rejected; {@code routeIds} are the previous version's, still running */
        REJECTED
    }

    /** Who the shell shows as the source: the operator's folder, a plugin, or an operator's override of it. */
    public String source() {
        if (owner == null) {
            return "routes/";
        }
        return overriding ? "routes/ (overrides " + owner + ")" : "plugin " + owner;
    }
}
