package org.vafa.core.db;

import java.nio.file.Path;
import java.util.Map;

/** The effective connection settings: configuration, overridden by environment variables for containers. */
record DatabaseSettings(String url, String user, String password, int maximumPoolSize) {

    static DatabaseSettings from(DatabaseConfig config, Map<String, String> env, Path karafData) {
        String url = firstNonBlank(env.get("VAFA_DB_URL"), config.url());
        if (url == null) {
            url = embeddedUrl(karafData);
        }
        String user = firstNonBlank(env.get("VAFA_DB_USER"), config.user());
        String password = firstNonBlank(env.get("VAFA_DB_PASSWORD"), config.password());
        return new DatabaseSettings(url, user == null ? "" : user, password == null ? "" : password,
                config.maximumPoolSize());
    }

    /**
     * The zero-setup default: an H2 file database that speaks enough PostgreSQL for our migrations.
     * WRITE_DELAY=0 writes every commit to the file at once; H2's default buffers about a second of
     * commits, which a kill -9 would lose (the event delivery tests caught that).
     */
    static String embeddedUrl(Path karafData) {
        Path file = karafData.resolve("vafa").resolve("vafa").toAbsolutePath();
        return "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    }

    String vendor() {
        if (url.startsWith("jdbc:h2:")) {
            return "h2";
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return "postgresql";
        }
        throw new IllegalArgumentException("Unsupported database URL " + url
                + " (supported: jdbc:h2:..., jdbc:postgresql:...)");
    }

    /** The URL without credentials, safe to log and show. */
    String displayUrl() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        return b != null && !b.isBlank() ? b.trim() : null;
    }
}
