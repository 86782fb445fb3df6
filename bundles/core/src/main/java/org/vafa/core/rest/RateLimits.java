package org.vafa.core.rest;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vafa.api.rest.Problem;

/**
 * Requests per API key (Bucket4j token buckets): each key has its own budget, set per scope
 * ({@code pos=50} requests a second; a key with several scopes gets the largest; {@code *} for scopes not
 * named), and every key but an admin's has a separate budget for finding members by mobile or card, which
 * a till needs a few times a minute and an enumeration of the club thousands of times. Over budget: 429
 * with {@code Retry-After}.
 * The budgets are this server's; several nodes each keep their own.
 */
public final class RateLimits {
    private final Map<String, Long> perSecond;
    private final long lookupsPerMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** A problem that says when to try again ({@code Retry-After}): 429, or 409 while a first request runs. */
    public static final class TooManyRequests extends Problem {
        private final long retryAfterSeconds;

        public TooManyRequests(String detail, long retryAfterSeconds) {
            this(429, "Too many requests", detail, retryAfterSeconds);
        }

        TooManyRequests(int status, String title, String detail, long retryAfterSeconds) {
            super(status, title, detail, null);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /**
     * @param perScope e.g. {@code "admin=500, pos=50, *=100"}: requests per second per key with that scope
     * @param lookupsPerMinute member lookups by mobile or card per key and minute
     */
    public RateLimits(String perScope, long lookupsPerMinute) {
        Map<String, Long> limits = new HashMap<>();
        for (String entry : perScope.split(",")) {
            String[] parts = entry.split("=", 2);
            if (parts.length != 2 || !parts[1].trim().matches("[1-9][0-9]{0,8}")) {
                throw new IllegalArgumentException("rateLimits entries are scope=requests per second, e.g. pos=50: " + entry);
            }
            limits.put(parts[0].trim(), Long.parseLong(parts[1].trim()));
        }
        if (!limits.containsKey("*")) {
            throw new IllegalArgumentException("rateLimits needs a default entry *=<requests per second>");
        }
        if (lookupsPerMinute < 1) {
            throw new IllegalArgumentException("memberLookupsPerMinute must be at least 1");
        }
        this.perSecond = Map.copyOf(limits);
        this.lookupsPerMinute = lookupsPerMinute;
    }

    /** Takes one request of the key's budget (and of its member lookups if it is one), or throws 429. */
    public void take(String apiKey, java.util.Set<String> scopes, boolean memberLookup) {
        long rate = scopes.stream().mapToLong(s -> perSecond.getOrDefault(s, perSecond.get("*"))).max().orElse(perSecond.get("*"));
        consume(buckets.computeIfAbsent(apiKey + "\n" + rate, k -> bucket(rate, Duration.ofSeconds(1))),
                "API key '" + apiKey + "' may make " + rate + " requests a second");
        if (memberLookup && !scopes.contains(ApiKeys.ADMIN_SCOPE)) {
            consume(buckets.computeIfAbsent(apiKey + "\nlookup", k -> bucket(lookupsPerMinute, Duration.ofMinutes(1))),
                    "API key '" + apiKey + "' may look members up by mobile or card " + lookupsPerMinute + " times a minute");
        }
    }

    private static Bucket bucket(long tokens, Duration period) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(tokens).refillGreedy(tokens, period).build()).build();
    }

    private static void consume(Bucket bucket, String detail) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new TooManyRequests(detail + "; retry in " + seconds + " s", seconds);
        }
    }
}
