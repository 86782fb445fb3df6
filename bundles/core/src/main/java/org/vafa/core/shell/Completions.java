package org.vafa.core.shell;

import java.util.List;
import java.util.function.Supplier;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.vafa.core.events.EventTransport;
import org.vafa.core.events.VafaEventLog;
import org.vafa.core.rest.ApiKeys;
import org.vafa.core.routes.RouteDeployer;
import org.vafa.core.routes.RouteFile;

/** Tab completion for the vafa: commands: the names the operator would otherwise look up first. */
final class Completions {
    private Completions() {
    }

    static int complete(Session session, CommandLine line, List<String> candidates, Supplier<List<String>> values) {
        return new StringsCompleter(values.get()).complete(session, line, candidates);
    }

    /** Route file names (the operator's and the plugins'). */
    @Service
    public static class RouteFiles implements Completer {
        @Reference
        private RouteDeployer deployer;

        @Override
        public int complete(Session session, CommandLine line, List<String> candidates) {
            return Completions.complete(session, line, candidates, () -> deployer.files().stream().map(RouteFile::name).toList());
        }
    }

    /** Durable subscription names. */
    @Service
    public static class Subscriptions implements Completer {
        @Reference
        private VafaEventLog eventLog;

        @Override
        public int complete(Session session, CommandLine line, List<String> candidates) {
            return Completions.complete(session, line, candidates,
                    () -> eventLog.transport().subscriptions().stream().map(EventTransport.SubscriptionState::name).toList());
        }
    }

    /** Ids of parked deliveries. */
    @Service
    public static class Parked implements Completer {
        @Reference
        private VafaEventLog eventLog;

        @Override
        public int complete(Session session, CommandLine line, List<String> candidates) {
            return Completions.complete(session, line, candidates,
                    () -> eventLog.store().parked(null, false).stream().map(p -> String.valueOf(p.id())).toList());
        }
    }

    /** Names of API keys that are not revoked. */
    @Service
    public static class ActiveKeys implements Completer {
        @Reference
        private ApiKeys keys;

        @Override
        public int complete(Session session, CommandLine line, List<String> candidates) {
            return Completions.complete(session, line, candidates,
                    () -> keys.list().stream().filter(k -> k.revokedAt() == null).map(ApiKeys.ApiKey::name).toList());
        }
    }
}
