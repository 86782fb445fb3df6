package org.vafa.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TypeFilterTest {
    @Test
    void patternsMatchLikeGlobs() {
        TypeFilter f = TypeFilter.parse(" club.member.* , pos.sale.completed ");
        assertThat(f.matches("club.member.registered")).isTrue();
        assertThat(f.matches("pos.sale.completed")).isTrue();
        assertThat(f.matches("pos.sale.refunded")).isFalse();
        assertThat(f.matches("club.memberx")).isFalse();
        assertThat(f.toString()).isEqualTo("club.member.*,pos.sale.completed");
    }

    @Test
    void sqlWildcardsInTypesAreEscaped() {
        TypeFilter f = TypeFilter.parse("a_b.*");
        assertThat(f.sqlParameters()).containsExactly("a!_b.%");
    }

    @Test
    void emptyOrOddPatternsAreRejectedWithAReason() {
        assertThatThrownBy(() -> TypeFilter.parse(" ")).hasMessageContaining("required");
        assertThatThrownBy(() -> TypeFilter.parse(" , ")).as("nothing between the commas").hasMessageContaining("required");
        assertThatThrownBy(() -> TypeFilter.parse("\u0000")).as("a control character only").hasMessageContaining("required");
        assertThatThrownBy(() -> TypeFilter.parse("club.member;drop")).hasMessageContaining("Invalid event type pattern");
    }
}
