package org.vafa.core;

import java.sql.Connection;
import javax.sql.DataSource;
import org.osgi.framework.Bundle;
import org.vafa.api.db.Database;
import org.vafa.api.events.CloudEvent;
import org.vafa.api.events.EventLog;
import org.vafa.core.db.VafaDatabase;
import org.vafa.core.events.EventStore;

/**
 * The platform's services on a plain DataSource, outside OSGi: for plugins' database tests and for
 * benchmarks. Events are recorded in the log (and can be sequenced and delivered by a VafaEventLog),
 * migrations are applied with {@link VafaDatabase#migrate(DataSource, String, ClassLoader)}.
 */
public final class Standalone {
    private Standalone() {
    }

    /**
     * A typed configuration (a DS configuration annotation) holding its declared defaults, read from
     * the annotation itself, so the defaults stay in one place.
     */
    public static <T> T defaults(Class<T> configType) {
        return configured(configType, java.util.Map.of());
    }

    /** The defaults with some settings given (by attribute name), as an operator's .cfg file would. */
    public static <T> T configured(Class<T> configType, java.util.Map<String, Object> settings) {
        Object proxy = java.lang.reflect.Proxy.newProxyInstance(configType.getClassLoader(), new Class<?>[] {configType},
                (self, method, args) -> switch (method.getName()) {
                    case "annotationType" -> configType;
                    case "toString" -> configType.getSimpleName() + " " + settings;
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> settings.containsKey(method.getName()) ? settings.get(method.getName()) : method.getDefaultValue();
                });
        return configType.cast(proxy);
    }

    public static Database database(DataSource dataSource, String vendor) {
        return new Database() {
            @Override
            public DataSource dataSource() {
                return dataSource;
            }

            @Override
            public String vendor() {
                return vendor;
            }

            @Override
            public void migrate(String plugin, Bundle bundle) {
                throw new UnsupportedOperationException("outside OSGi: VafaDatabase.migrate(dataSource, plugin, classLoader)");
            }

            @Override
            public <T> T inTransaction(TransactionWork<T> work) {
                return VafaDatabase.inTransaction(dataSource, work);
            }
        };
    }

    public static EventLog eventLog(DataSource dataSource) {
        EventStore store = new EventStore(dataSource);
        return new EventLog() {
            @Override
            public CloudEvent append(Connection transaction, String source, String type, String subject, Object data) {
                return store.append(transaction, source, type, subject, data);
            }

            @Override
            public CloudEvent publish(String source, String type, String subject, Object data) {
                return VafaDatabase.inTransaction(dataSource, tx -> store.append(tx, source, type, subject, data));
            }
        };
    }
}
