package org.vafa.core.operators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorSignInTest {

    @Test
    void rolesMapToScopesAndNothingElse() {
        Map<String, Set<String>> map = OperatorSignIn.parse("admin=admin, club-staff=club;crm, odd=BAD;ok, =x, broken");
        assertThat(map).containsEntry("admin", Set.of("admin")).containsEntry("club-staff", Set.of("club", "crm"))
                .containsEntry("odd", Set.of("ok")).doesNotContainKey("broken").hasSize(3);
    }

    @Test
    void theSessionCookieIsFoundAmongOthersAndSetHttpOnlyAndStrict() {
        assertThat(OperatorSignIn.cookie("theme=dark; vafa_console=vafao_abc; lang=fa")).isEqualTo("vafao_abc");
        assertThat(OperatorSignIn.cookie("vafa_console=")).isNull();
        assertThat(OperatorSignIn.cookie(null)).isNull();
        assertThat(OperatorSignIn.setCookie("vafao_abc", 60, true)).isEqualTo("vafa_console=vafao_abc; Path=/; Max-Age=60; HttpOnly;"
                + " SameSite=Strict; Secure");
        assertThat(OperatorSignIn.setCookie(null, 60, false)).contains("Max-Age=0").doesNotContain("Secure");
    }
}
