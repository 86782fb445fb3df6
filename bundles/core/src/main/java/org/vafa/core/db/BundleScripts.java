package org.vafa.core.db;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Function;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Hands Flyway the SQL scripts of one folder inside a bundle (or any class path folder): Flyway's own
 * class path scanning cannot see into other bundles.
 */
final class BundleScripts implements ResourceProvider {
    private final String folder;
    private final List<URL> scripts;

    /** @param list lists the .sql entries of a folder, e.g. {@code bundle.findEntries(folder, "*.sql", false)} */
    BundleScripts(String folder, Function<String, Enumeration<URL>> list) {
        this.folder = folder;
        this.scripts = new ArrayList<>();
        Enumeration<URL> found = list.apply(folder);
        while (found != null && found.hasMoreElements()) {
            scripts.add(found.nextElement());
        }
    }

    @Override
    public LoadableResource getResource(String name) {
        return scripts.stream().filter(u -> fileName(u).equals(fileName(name))).findFirst().map(this::resource).orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> result = new ArrayList<>();
        for (URL url : scripts) {
            String name = fileName(url);
            if (name.startsWith(prefix)) {
                for (String suffix : suffixes) {
                    if (name.endsWith(suffix)) {
                        result.add(resource(url));
                        break;
                    }
                }
            }
        }
        return result;
    }

    private LoadableResource resource(URL url) {
        String name = fileName(url);
        String relative = folder + "/" + name;
        return new LoadableResource() {
            @Override
            public Reader read() {
                try {
                    return new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read migration " + url, e);
                }
            }

            @Override
            public String getAbsolutePath() {
                return relative;
            }

            @Override
            public String getAbsolutePathOnDisk() {
                return url.toString();
            }

            @Override
            public String getFilename() {
                return name;
            }

            @Override
            public String getRelativePath() {
                return relative;
            }
        };
    }

    private static String fileName(URL url) {
        return fileName(url.getPath());
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
