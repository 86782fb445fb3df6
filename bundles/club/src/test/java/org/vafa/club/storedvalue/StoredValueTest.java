package org.vafa.club.storedvalue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.rest.Problem;
import org.vafa.club.ClubTestWiring;
import org.vafa.core.db.TestDatabases;

/** The card's stored value on both databases. */
class StoredValueTest {

    private static BigDecimal rial(long amount) {
        return BigDecimal.valueOf(amount);
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void chargeSpendAndRefundOnceEachAndNeverBelowZero(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            StoredValue card = club.storedValue();
            String ali = club.member("09121234567");
            assertThat(card.charge(ali, rial(5_000_000), "IRR", "pay:1", "till-1").applied()).isTrue();
            StoredValue.Outcome replay = card.charge(ali, rial(5_000_000), "IRR", "pay:1", "till-1");
            assertThat(replay.applied()).isFalse();
            assertThat(replay.balance().balance()).isEqualByComparingTo("5000000");

            ClubTestWiring.refusedOn("amount", () -> card.spend(ali, rial(6_000_000), "IRR", "sale:1"));
            ClubTestWiring.refusedOn("currency", () -> card.spend(ali, rial(1), "USD", "sale:1"));
            ClubTestWiring.refusedOn("amount", () -> card.charge(ali, new BigDecimal("-5"), "IRR", "pay:2", null));
            ClubTestWiring.refusedOn("amount", () -> card.charge(ali, new BigDecimal("1.005"), "IRR", "pay:2", null));
            assertThat(card.balance(ali).balance()).as("refused writes change nothing").isEqualByComparingTo("5000000");

            assertThat(card.spend(ali, rial(3_000_000), "IRR", "sale:1").balance().balance()).isEqualByComparingTo("2000000");
            assertThat(card.spend(ali, rial(3_000_000), "IRR", "sale:1").applied()).as("a retried sale").isFalse();

            assertThat(card.refund(ali, "sale:1", "refund:1", rial(1_000_000)).balance().balance()).isEqualByComparingTo("3000000");
            assertThat(card.refund(ali, "sale:1", "refund:1", rial(1_000_000)).applied()).isFalse();
            ClubTestWiring.refusedOn("amount", () -> card.refund(ali, "sale:1", "refund:2", rial(2_500_000)));
            card.refund(ali, "sale:1", "refund:2", rial(2_000_000));
            ClubTestWiring.refusedOn("amount", () -> card.refund(ali, "sale:1", "refund:3", rial(1)));
            ClubTestWiring.refusedOn("source", () -> card.refund(ali, "sale:unknown", "refund:4", rial(1)));

            String mina = club.member("09351112233");
            assertThatThrownBy(() -> card.charge(mina, rial(1), "IRR", "pay:1", null))
                    .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(409));

            StoredValue.Balance balance = card.balance(ali);
            assertThat(balance.balance()).isEqualByComparingTo("5000000");
            assertThat(balance.charged()).isEqualByComparingTo("5000000");
            assertThat(balance.spent()).isEqualByComparingTo("3000000");
            assertThat(balance.refunded()).isEqualByComparingTo("3000000");
            assertThat(card.history(ali, 10)).extracting(StoredValue.Entry::kind).containsExactly("REFUND", "REFUND", "SPEND", "CHARGE");
            assertThat(club.events("club.storedvalue.charged")).isEqualTo(1);
            assertThat(club.events("club.storedvalue.spent")).isEqualTo(1);
            assertThat(club.events("club.storedvalue.refunded")).isEqualTo(2);
        }
    }
}
