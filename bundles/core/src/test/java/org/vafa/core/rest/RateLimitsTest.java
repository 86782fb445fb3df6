package org.vafa.core.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
    private final RateLimits limits = new RateLimits("admin=500, pos=5, *=20", 3);

    @Test
    void aKeyGetsTheBudgetOfItsScopeAndThen429WithRetryAfter() {
        for (int i = 0; i < 5; i++) {
            limits.take("till-1", Set.of("pos"), false);
        }
        assertThatThrownBy(() -> limits.take("till-1", Set.of("pos"), false))
                .isInstanceOfSatisfying(RateLimits.TooManyRequests.class, p -> {
                    assertThat(p.status()).isEqualTo(429);
                    assertThat(p.retryAfterSeconds()).isEqualTo(1);
                });
        limits.take("till-2", Set.of("pos"), false); // another key has its own budget
        for (int i = 0; i < 20; i++) {
            limits.take("shop", Set.of("shop", "pos"), false); // the larger of its scopes' budgets (* = 20)
        }
        assertThatThrownBy(() -> limits.take("shop", Set.of("shop", "pos"), false)).isInstanceOf(RateLimits.TooManyRequests.class);
    }

    @Test
    void memberLookupsHaveASmallBudgetPerMinuteExceptForAdmins() {
        RateLimits generous = new RateLimits("*=1000", 3);
        for (int i = 0; i < 3; i++) {
            generous.take("till", Set.of("pos"), true);
        }
        assertThatThrownBy(() -> generous.take("till", Set.of("pos"), true))
                .isInstanceOfSatisfying(RateLimits.TooManyRequests.class, p -> assertThat(p.retryAfterSeconds()).isBetween(15L, 20L));
        generous.take("till", Set.of("pos"), false); // other requests go on
        for (int i = 0; i < 50; i++) {
            generous.take("back-office", Set.of("admin"), true);
        }
    }

    @Test
    void aBadSettingIsRefusedNamingTheEntry() {
        assertThatThrownBy(() -> new RateLimits("pos=fast, *=1", 1)).hasMessageContaining("pos=fast");
        assertThatThrownBy(() -> new RateLimits("pos=5", 1)).hasMessageContaining("*=");
    }
}
