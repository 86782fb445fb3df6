package org.vafa.api.plugin;

/**
 * Registered by the platform for a plugin bundle once the bundle's migrations have run, its route files are
 * handed to the route deployer and its default templates are seeded. A bundle is a plugin when its manifest
 * has the header {@value #HEADER} with the plugin's name, e.g. {@code Vafa-Plugin: club}; the platform then
 * looks in the bundle for
 * <ul>
 *   <li>{@code db/migration/<name>/V*.sql}: its tables, migrated before anything of it starts;</li>
 *   <li>{@code routes/*.camel.yaml}: the routes it runs itself (timers, reactions to its own events). An
 *       operator overrides one with a file of the same name in the server's {@code routes/} folder;</li>
 *   <li>{@code templates/<kind>/*.ftl}: default message templates, copied to the server's
 *       {@code templates/<kind>/} where no file of that name is there yet (an operator's edit is kept).</li>
 * </ul>
 * The plugin's components that use its tables wait for this service:
 * {@code @Reference(target = "(vafa.plugin=club)") PluginReady ready}. It goes away with the bundle; the
 * plugin's routes are removed then, its data stays.
 */
public interface PluginReady {
    /** The manifest header that makes a bundle a Vafa plugin; its value is the plugin's name. */
    String HEADER = "Vafa-Plugin";
    /** The service property holding the plugin's name. */
    String NAME = "vafa.plugin";

    /** The plugin's name, as in its manifest header. */
    String name();
}
