package org.vafa.core.camel;

import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.spi.ClassResolver;

/**
 * Camel's class resolver, plus the class loaders of the plugins whose Java routes are in: the REST DSL names request
 * and answer types by class name (for the OpenAPI schemas), and Camel's own bundle cannot see a plugin's classes.
 * A plugin's loader leaves with its routes, so a stopped bundle is not held on to.
 */
final class PluginClassResolver implements ClassResolver {
    private final ClassResolver camel;
    private final Map<Object, ClassLoader> plugins = new ConcurrentHashMap<>();

    PluginClassResolver(ClassResolver camel) {
        this.camel = camel;
    }

    void add(Object contributor, ClassLoader loader) {
        plugins.put(contributor, loader);
    }

    void remove(Object contributor) {
        plugins.remove(contributor);
    }

    @Override
    public void addClassLoader(ClassLoader classLoader) {
        camel.addClassLoader(classLoader);
    }

    @Override
    public Set<ClassLoader> getClassLoaders() {
        return camel.getClassLoaders();
    }

    @Override
    public ClassLoader getClassLoader(String name) {
        return camel.getClassLoader(name);
    }

    @Override
    public Class<?> resolveClass(String name) {
        Class<?> found = camel.resolveClass(name);
        return found != null ? found : fromPlugins(name);
    }

    @Override
    public <T> Class<T> resolveClass(String name, Class<T> type) {
        Class<T> found = camel.resolveClass(name, type);
        if (found != null) {
            return found;
        }
        Class<?> plugin = fromPlugins(name);
        if (plugin == null || !type.isAssignableFrom(plugin)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Class<T> typed = (Class<T>) plugin;
        return typed;
    }

    @Override
    public Class<?> resolveClass(String name, ClassLoader loader) {
        return camel.resolveClass(name, loader);
    }

    @Override
    public <T> Class<T> resolveClass(String name, Class<T> type, ClassLoader loader) {
        return camel.resolveClass(name, type, loader);
    }

    @Override
    public Class<?> resolveMandatoryClass(String name) throws ClassNotFoundException {
        Class<?> found = resolveClass(name);
        if (found == null) {
            throw new ClassNotFoundException(name);
        }
        return found;
    }

    @Override
    public <T> Class<T> resolveMandatoryClass(String name, Class<T> type) throws ClassNotFoundException {
        Class<T> found = resolveClass(name, type);
        if (found == null) {
            throw new ClassNotFoundException(name);
        }
        return found;
    }

    @Override
    public Class<?> resolveMandatoryClass(String name, ClassLoader loader) throws ClassNotFoundException {
        return camel.resolveMandatoryClass(name, loader);
    }

    @Override
    public <T> Class<T> resolveMandatoryClass(String name, Class<T> type, ClassLoader loader) throws ClassNotFoundException {
        return camel.resolveMandatoryClass(name, type, loader);
    }

    @Override
    public InputStream loadResourceAsStream(String uri) {
        return camel.loadResourceAsStream(uri);
    }

    @Override
    public URL loadResourceAsURL(String uri) {
        return camel.loadResourceAsURL(uri);
    }

    @Override
    public Enumeration<URL> loadResourcesAsURL(String uri) {
        return camel.loadResourcesAsURL(uri);
    }

    @Override
    public Enumeration<URL> loadAllResourcesAsURL(String uri) {
        return camel.loadAllResourcesAsURL(uri);
    }

    private Class<?> fromPlugins(String name) {
        for (ClassLoader loader : plugins.values()) {
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException notThere) {
                // the next plugin's
            }
        }
        return null;
    }
}
