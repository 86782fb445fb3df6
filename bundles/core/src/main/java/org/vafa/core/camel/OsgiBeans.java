package org.vafa.core.camel;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.camel.spi.BeanRepository;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Lets routes reach OSGi services by the value of their {@code name} service property
 * ({@code bean:memberService?method=register}). Looked up on every call (the bean component runs in
 * prototype scope), so a plugin bundle that is stopped or replaced is seen at once: a route calling a
 * stopped plugin fails cleanly with NoSuchBeanException, and the event subscription waits for it.
 */
final class OsgiBeans implements BeanRepository {
    static final String NAME_PROPERTY = "name";

    private final ServiceTracker<Object, Object> tracker;

    OsgiBeans(BundleContext context) {
        try {
            tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter("(" + NAME_PROPERTY + "=*)"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    void open() {
        tracker.open(true);
    }

    void close() {
        tracker.close();
    }

    @Override
    public Object lookupByName(String name) {
        ServiceReference<Object> best = null;
        ServiceReference<Object>[] refs = tracker.getServiceReferences();
        if (refs != null) {
            for (ServiceReference<Object> ref : refs) {
                if (name.equals(String.valueOf(ref.getProperty(NAME_PROPERTY))) && (best == null || ref.compareTo(best) > 0)) {
                    best = ref;
                }
            }
        }
        return best == null ? null : tracker.getService(best);
    }

    @Override
    public <T> T lookupByNameAndType(String name, Class<T> type) {
        Object bean = lookupByName(name);
        return type.isInstance(bean) ? type.cast(bean) : null;
    }

    @Override
    public <T> Map<String, T> findByTypeWithName(Class<T> type) {
        Map<String, T> result = new HashMap<>();
        ServiceReference<Object>[] refs = tracker.getServiceReferences();
        if (refs != null) {
            for (ServiceReference<Object> ref : refs) {
                Object bean = tracker.getService(ref);
                if (type.isInstance(bean)) {
                    result.put(String.valueOf(ref.getProperty(NAME_PROPERTY)), type.cast(bean));
                }
            }
        }
        return result;
    }

    @Override
    public <T> Set<T> findByType(Class<T> type) {
        return new LinkedHashSet<>(findByTypeWithName(type).values());
    }
}
