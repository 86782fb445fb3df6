package org.vafa.core.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;

/** Lists the .sql files of a class path folder that lies in a directory (tests and benchmark only). */
final class ClassPathFolder {
    private ClassPathFolder() {
    }

    static Enumeration<URL> list(ClassLoader loader, String folder) {
        URL url = loader.getResource(folder);
        if (url == null || !"file".equals(url.getProtocol())) {
            return Collections.emptyEnumeration();
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            List<URL> urls = new ArrayList<>();
            for (Path p : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".sql")).sorted()::iterator) {
                urls.add(p.toUri().toURL());
            }
            return Collections.enumeration(urls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
