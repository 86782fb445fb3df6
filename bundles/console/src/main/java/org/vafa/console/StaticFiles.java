package org.vafa.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * The console's files, from this bundle's {@code web/} folder, by the path asked for: only plain names of known kinds
 * (no {@code ..}, no hidden files, nothing outside {@code web/}); a folder is its {@code index.html}.
 */
final class StaticFiles {
    static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css",
            "text/css; charset=utf-8", "svg", "image/svg+xml", "woff2", "font/woff2", "json", "application/json", "png", "image/png",
            "webmanifest", "application/manifest+json");

    /** A file to answer: its bytes and type. */
    record File(byte[] bytes, String type) {
    }

    private StaticFiles() {
    }

    /** The resource for a request path under the site's root ({@code /console/app.js} → {@code web/console/app.js}). */
    static Optional<String> resource(String site, String path) {
        String rest = path.startsWith("/" + site) ? path.substring(site.length() + 1) : null;
        if (rest == null || !(rest.isEmpty() || rest.startsWith("/"))) {
            return Optional.empty();
        }
        if (rest.isEmpty()) {
            rest = "/index.html";
        } else if (rest.endsWith("/")) {
            rest = rest + "index.html";
        }
        String name = rest.substring(1);
        for (String part : name.split("/", -1)) {
            if (!part.matches("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}") || part.contains("..")) {
                return Optional.empty();
            }
        }
        int dot = name.lastIndexOf('.');
        if (dot < 0 || !TYPES.containsKey(name.substring(dot + 1))) {
            return Optional.empty();
        }
        return Optional.of("web/" + site + "/" + name);
    }

    static Optional<File> read(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new File(in.readAllBytes(), TYPES.get(resource.substring(resource.lastIndexOf('.') + 1))));
        }
    }
}
