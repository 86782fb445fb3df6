package org.vafa.core.routes;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** What the deployer knows about one route file, as the shell shows it. */
public record RouteFile(Path path, Status status, List<String> routeIds, String error, Instant changedAt) {

    public enum Status {
        /** its routes run the current version of the file */
        DEPLOYED,
        /** the current version was rejected; {@code routeIds} are the previous version's, still running */
        REJECTED
    }
}
