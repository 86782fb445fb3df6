package org.vafa.api.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RestJsonTest {
    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": 1} {\"b\": 2}", "{\"a\": 1} x", "{\"a\": 1, \"a\": 2}", "{\"a\": {\"b\": 1, \"b\": 1}}"})
    void trailingDataAndDuplicateKeysAreRefused(String body) {
        assertThatThrownBy(() -> RestJson.parse(body)).isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(400));
    }

    @Test
    void hugeNumbersAreNumbersTooLargeForAFieldNeverA500() {
        Fields f = new Fields(RestJson.parse("{\"amount\": 1e400, \"count\": 1e400, \"small\": -1e400}"), Set.of("amount", "count", "small"));
        assertThat(f.decimal("amount", true)).isEqualByComparingTo(new BigDecimal("1e400"));
        assertThatThrownBy(() -> f.whole("count", 1, 100, 1)).isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("count"));
        assertThatThrownBy(() -> f.whole("small", 1, 100, 1)).isInstanceOf(Problem.class);
    }

    @Test
    void invisibleTextIsNoText() {
        Fields f = new Fields(RestJson.parse("{\"name\": \"\\u200c\\u200f \\u200d\\t\", \"ok\": \"\\u200cسارا\"}"), Set.of("name", "ok"));
        assertThatThrownBy(() -> f.text("name", true, 100)).isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("name"));
        assertThat(f.text("ok", true, 100)).isEqualTo("\u200cسارا");
    }

    record Sale(BigDecimal subtotal, BigDecimal share, BigDecimal nothing) {
    }

    @Test
    void moneyInAnswersIsOnePlainForm() throws Exception {
        assertThat(RestJson.MAPPER.writeValueAsString(new Sale(new BigDecimal("2350000.0"), new BigDecimal("0.50"), new BigDecimal("0.00"))))
                .isEqualTo("{\"subtotal\":2350000,\"share\":0.5,\"nothing\":0}");
        assertThat(RestJson.MAPPER.writeValueAsString(RestJson.MAPPER.valueToTree(new Sale(new BigDecimal("1.05E+7"), BigDecimal.ONE,
                BigDecimal.TEN)))).isEqualTo("{\"subtotal\":10500000,\"share\":1,\"nothing\":10}");
    }

    @Test
    void moneyIsWrittenAsPlainDecimals() throws Exception {
        var node = RestJson.MAPPER.createObjectNode().put("a", new BigDecimal("1.05E+7")).put("b", new BigDecimal("9500000"));
        assertThat(RestJson.MAPPER.writeValueAsString(node)).isEqualTo("{\"a\":10500000,\"b\":9500000}");
    }
}
