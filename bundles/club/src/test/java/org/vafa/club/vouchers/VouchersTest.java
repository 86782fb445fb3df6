package org.vafa.club.vouchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.rest.Problem;
import org.vafa.club.ClubTestWiring;
import org.vafa.club.members.MemberJson;
import org.vafa.core.db.TestDatabases;

/** Voucher batches, checks, redemptions and releases on both databases. */
class VouchersTest {

    private static Vouchers.Batch batch(ClubTestWiring club, String json) throws Exception {
        return club.vouchers().createBatch(Vouchers.NewBatch.read(MemberJson.MAPPER.readTree(json)), "marketing");
    }

    private static BigDecimal rial(long amount) {
        return BigDecimal.valueOf(amount);
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aSingleUseCodeIsCheckedWithoutEffectUsedOnceAndReleasedByARefund(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            Vouchers vouchers = club.vouchers();
            Vouchers.Batch batch = batch(club, """
                    {"name": "Nowruz", "kind": "amount", "value": 500000, "minimumBasket": 2000000, "count": 3, "prefix": "NR"}""");
            List<Vouchers.Voucher> codes = vouchers.codes(batch.id(), 10, 0);
            assertThat(codes).hasSize(3).allSatisfy(v -> assertThat(v.code()).matches("NR[2-9A-HJ-KM-NP-Z]{10}"));
            String code = codes.get(0).code();
            String typed = code.toLowerCase().substring(0, 5) + " - " + code.substring(5);

            Vouchers.Check small = vouchers.check(typed, null, rial(1_500_000), "IRR");
            assertThat(small.usable()).isFalse();
            assertThat(small.field()).isEqualTo("basketTotal");
            Vouchers.Check ok = vouchers.check(typed, null, rial(3_000_000), "IRR");
            assertThat(ok.usable()).isTrue();
            assertThat(ok.discount()).isEqualByComparingTo("500000");
            assertThat(vouchers.check(code, null, rial(3_000_000), "IRR").usable()).as("checking twice uses nothing").isTrue();

            assertThat(vouchers.redeem(typed, "sale:1", null, rial(3_000_000), "IRR").applied()).isTrue();
            Vouchers.Redeemed replay = vouchers.redeem(code, "sale:1", null, rial(3_000_000), "IRR");
            assertThat(replay.applied()).as("the same sale retried").isFalse();
            assertThat(replay.use().discount()).isEqualByComparingTo("500000");
            assertThatThrownBy(() -> vouchers.redeem(code, "sale:2", null, rial(3_000_000), "IRR"))
                    .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(409));
            assertThat(vouchers.check(code, null, rial(3_000_000), "IRR").reason()).contains("used");

            assertThat(vouchers.release(code, "sale:1", "refund:1").applied()).isTrue();
            assertThat(vouchers.release(code, "sale:1", "refund:1").applied()).isFalse();
            assertThat(vouchers.redeem(code, "sale:2", null, rial(3_000_000), "IRR").applied()).as("usable again").isTrue();
            ClubTestWiring.refusedOn("source", () -> vouchers.release(code, "sale:3", "refund:3"));
            assertThat(vouchers.uses(code)).hasSize(2);
            assertThat(club.events("club.voucher.redeemed")).isEqualTo(2);
            assertThat(club.events("club.voucher.released")).isEqualTo(1);
            assertThat(vouchers.check("NOSUCHCODE", null, rial(1), "IRR").field()).isEqualTo("code");
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void percentOffIsCappedTiedToItsMemberAndOnlyWithinItsWindow(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            Vouchers vouchers = club.vouchers();
            String ali = club.member("09121234567");
            String mina = club.member("09351112233");
            Vouchers.Batch birthday = batch(club, "{\"name\": \"Birthday 20%\", \"kind\": \"percent\", \"value\": 20,"
                    + " \"maxDiscount\": 1000000, \"usesPerCode\": 2, \"memberIds\": [\"" + ali + "\"]}");
            String code = vouchers.codes(birthday.id(), 10, 0).get(0).code();
            assertThat(vouchers.heldBy(ali)).extracting(Vouchers.Voucher::code).containsExactly(code);
            assertThat(vouchers.check(code, ali, rial(2_000_000), "IRR").discount()).isEqualByComparingTo("400000");
            assertThat(vouchers.check(code, ali, rial(9_000_000), "IRR").discount()).as("at most maxDiscount").isEqualByComparingTo("1000000");
            assertThat(vouchers.check(code, mina, rial(2_000_000), "IRR").field()).isEqualTo("memberId");
            assertThat(vouchers.check(code, null, rial(2_000_000), "IRR").usable()).isFalse();
            assertThat(vouchers.check(code, ali, rial(2_000_000), "USD").field()).isEqualTo("currency");
            vouchers.redeem(code, "sale:1", ali, rial(2_000_000), "IRR");
            vouchers.redeem(code, "sale:2", ali, rial(2_000_000), "IRR");
            assertThat(vouchers.heldBy(ali)).as("used up").isEmpty();

            String from = Instant.now().plus(1, ChronoUnit.DAYS).toString();
            Vouchers.Batch later = batch(club, "{\"name\": \"Later\", \"kind\": \"amount\", \"value\": 1, \"count\": 1,"
                    + " \"validFrom\": \"" + from + "\"}");
            assertThat(vouchers.check(vouchers.codes(later.id(), 1, 0).get(0).code(), null, rial(5), "IRR").reason()).contains("valid from");
            String to = Instant.now().minus(1, ChronoUnit.DAYS).toString();
            Vouchers.Batch expired = batch(club, "{\"name\": \"Gone\", \"kind\": \"amount\", \"value\": 1, \"count\": 1,"
                    + " \"validTo\": \"" + to + "\"}");
            assertThat(vouchers.check(vouchers.codes(expired.id(), 1, 0).get(0).code(), null, rial(5), "IRR").reason()).contains("expired");
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void fourTillsRacingForTheLastUseOfACodeOnlyOneGetsIt(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            String code = club.vouchers().codes(batch(club, """
                    {"name": "One", "kind": "amount", "value": 100, "count": 1}""").id(), 1, 0).get(0).code();
            ExecutorService tills = Executors.newFixedThreadPool(4);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String sale = "sale:" + i;
                results.add(tills.submit(() -> {
                    try {
                        return club.vouchers().redeem(code, sale, null, rial(1000), "IRR").applied();
                    } catch (Problem refused) {
                        return false;
                    }
                }));
            }
            int won = 0;
            for (Future<Boolean> r : results) {
                won += r.get() ? 1 : 0;
            }
            tills.shutdown();
            assertThat(won).isEqualTo(1);
            assertThat(club.count("SELECT uses FROM club_voucher")).isEqualTo(1);
        }
    }

    @Test
    void batchesThatDoNotHoldTogetherAreRefusedNamingTheField() throws Exception {
        try (HikariDataSource db = TestDatabases.fresh("h2")) {
            ClubTestWiring club = ClubTestWiring.of(db);
            for (String[] bad : new String[][] {
                    {"{\"name\": \"x\", \"kind\": \"gift\", \"value\": 1, \"count\": 1}", "kind"},
                    {"{\"name\": \"x\", \"kind\": \"percent\", \"value\": 120, \"count\": 1}", "value"},
                    {"{\"name\": \"x\", \"kind\": \"amount\", \"value\": 1}", "count"},
                    {"{\"name\": \"x\", \"kind\": \"amount\", \"value\": 1, \"count\": 0}", "count"},
                    {"{\"name\": \"x\", \"kind\": \"amount\", \"value\": 1, \"memberIds\": [\"nobody\"]}", "memberIds"},
                    {"{\"name\": \"x\", \"kind\": \"amount\", \"value\": 1, \"count\": 1, \"validFrom\": \"2026-12-02T00:00:00Z\","
                            + " \"validTo\": \"2026-12-01T00:00:00Z\"}", "validTo"},
                    {"{\"name\": \"x\", \"kind\": \"amount\", \"value\": 1, \"count\": 1, \"colour\": \"red\"}", "colour"}}) {
                ClubTestWiring.refusedOn(bad[1], () -> batch(club, bad[0]));
            }
            assertThat(club.count("SELECT COUNT(*) FROM club_voucher_batch")).isZero();
        }
    }
}
