package org.vafa.core.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vafa.api.rest.Problem;

class CanonicalPathTest {
    @ParameterizedTest
    @ValueSource(strings = {"/api/pos/../club/members/1", "/api/pos/%2e%2e/club/members/1", "/api/pos/%2E%2E/admin/events",
            "/api/pos/.%2e/admin/events", "/api/pos%2f..%2fclub/members", "/api/pos%2Fclub", "//api/club/members", "/api/pos//x",
            "/api/pos;x=1/../club", "/api/club;jsessionid=1/members", "/api/pos/./lookup", "/api/club./members", "/api/pos\\..\\club",
            "/api/pos/%00", "/api/pos/%5c..%5cclub", "/api/pos/%zz", "/api/pos/%c0%ae%c0%ae/club", "/api/pos/..", "/api/pos/."})
    void nonCanonicalPathsAreRefusedWith400(String raw) {
        assertThatThrownBy(() -> CanonicalPath.of(raw)).isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(400));
    }

    @Test
    void canonicalPathsAreDecoded() {
        assertThat(CanonicalPath.of("/api/club/members/42")).isEqualTo("/api/club/members/42");
        assertThat(CanonicalPath.of("/api/sms/templates/welcome/fa")).isEqualTo("/api/sms/templates/welcome/fa");
        assertThat(CanonicalPath.of("/api/club/vouchers/AB%20CD")).isEqualTo("/api/club/vouchers/AB CD");
        assertThat(CanonicalPath.of("/api/club/x/%D8%B3%D9%84%D8%A7%D9%85")).isEqualTo("/api/club/x/سلام");
        assertThat(CanonicalPath.of("/api/openapi.json")).isEqualTo("/api/openapi.json");
    }
}
