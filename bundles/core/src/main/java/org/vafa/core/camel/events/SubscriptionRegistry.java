package org.vafa.core.camel.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One live consumer per subscription name in this JVM: a second one is refused with a clear message. */
final class SubscriptionRegistry {
    private final Map<String, String> routeBySubscription = new ConcurrentHashMap<>();

    void claim(String subscription, String routeId) {
        String holder = routeBySubscription.putIfAbsent(subscription, routeId);
        if (holder != null && !holder.equals(routeId)) {
            throw new IllegalStateException("Subscription '" + subscription + "' is already consumed by route '"
                    + holder + "'; give each route its own subscription name");
        }
    }

    void release(String subscription, String routeId) {
        routeBySubscription.remove(subscription, routeId);
    }
}
