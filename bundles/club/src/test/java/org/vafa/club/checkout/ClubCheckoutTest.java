package org.vafa.club.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.club.ClubTestWiring;
import org.vafa.club.api.ClubCheckout;
import org.vafa.club.api.ClubCheckout.Checkout;
import org.vafa.club.api.ClubCheckout.Line;
import org.vafa.club.members.MemberJson;
import org.vafa.core.db.TestDatabases;

/** The club's side of a sale and its refunds, as a till sees it, on both databases. */
class ClubCheckoutTest {
    private static final String PROGRAMME = """
            {"name": "shop", "currency": "IRR", "earn": {"points": 1, "per": 100000},
             "categories": {"tobacco": {"exclude": true}},
             "redemption": {"points": 100, "value": 1000000, "maxShareOfBasket": 0.5}}""";

    private static List<Line> basket() {
        return List.of(new Line("rice", "grocery", new BigDecimal("2"), new BigDecimal("3000000")),
                new Line("cigarettes", "tobacco", BigDecimal.ONE, new BigDecimal("1000000")));
    }

    private static String voucher(ClubTestWiring club, String json) throws Exception {
        String batch = club.vouchers().createBatch(org.vafa.club.vouchers.Vouchers.NewBatch.read(MemberJson.MAPPER.readTree(json)), "test").id();
        return club.vouchers().codes(batch, 1, 0).get(0).code();
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aQuoteIsWhatTheSaleThenDoesOnceAndRefundsGiveBackInProportion(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            club.programme(PROGRAMME);
            String ali = club.member("09121234567");
            club.points().earn(ali, 250, "bonus:welcome", null);
            club.storedValue().charge(ali, new BigDecimal("2000000"), "IRR", "pay:1", "till");
            String code = voucher(club, "{\"name\": \"Nowruz\", \"kind\": \"amount\", \"value\": 1000000, \"count\": 1}");
            Checkout sale = new Checkout(ali, "IRR", "shiraz-1", null, basket(), List.of(code), 300, new BigDecimal("1500000"));
            ClubCheckout checkout = club.checkout();

            ClubCheckout.Priced quote = checkout.quote(sale);
            assertThat(quote.subtotal()).isEqualByComparingTo("7000000");
            assertThat(quote.discounts()).extracting(ClubCheckout.Discount::kind).containsExactly("voucher", "points");
            assertThat(quote.pointsRedeemed()).as("250 points buy two whole steps").isEqualTo(200);
            assertThat(quote.total()).isEqualByComparingTo("4000000"); // 7,000,000 − 1,000,000 − 2,000,000
            assertThat(quote.amountDue()).isEqualByComparingTo("2500000");
            // earned on what the basket cost after discounts, tobacco excluded: 6,000,000 × 4/7 = 3,428,571 → 34
            assertThat(quote.pointsEarned()).isEqualTo(34);
            assertThat(club.points().balance(ali).available()).as("a quote has no effect").isEqualTo(250);

            ClubCheckout.Priced done = checkout.complete("pos:t1:1001", sale);
            assertThat(done.applied()).isTrue();
            assertThat(done.total()).isEqualByComparingTo(quote.total());
            assertThat(done.pointsEarned()).isEqualTo(34);
            assertThat(done.pointsBalance()).isEqualTo(250 - 200 + 34);
            assertThat(done.storedValueBalance()).isEqualByComparingTo("500000");
            ClubCheckout.Priced again = checkout.complete("pos:t1:1001", sale);
            assertThat(again.applied()).isFalse();
            assertThat(again.pointsEarned()).as("the repeat answers the first result").isEqualTo(34);
            assertThat(club.points().balance(ali).available()).isEqualTo(84);

            ClubCheckout.Refunded half = checkout.refund("pos:t1:1001", "pos:t1:1001:r1", new BigDecimal("0.5"), false);
            assertThat(half.pointsTakenBack()).isEqualTo(17);
            assertThat(half.pointsGivenBack()).isEqualTo(100);
            assertThat(half.storedValueRefunded()).isEqualByComparingTo("750000");
            assertThat(half.vouchersReleased()).isEmpty();
            assertThat(checkout.refund("pos:t1:1001", "pos:t1:1001:r1", new BigDecimal("0.5"), false).applied()).isFalse();
            ClubTestWiring.refusedOn("share", () -> checkout.refund("pos:t1:1001", "pos:t1:1001:r2", new BigDecimal("0.6"), true));
            ClubCheckout.Refunded rest = checkout.refund("pos:t1:1001", "pos:t1:1001:r2", new BigDecimal("0.5"), true);
            assertThat(rest.vouchersReleased()).containsExactly(code);
            assertThat(rest.storedValueRefunded()).isEqualByComparingTo("750000");
            assertThat(club.points().balance(ali).available()).as("everything back as before the sale").isEqualTo(250);
            assertThat(club.storedValue().balance(ali).balance()).isEqualByComparingTo("2000000");
            assertThat(club.vouchers().check(code, ali, new BigDecimal("5000000"), "IRR").usable()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void refusalsNameTheFieldAndChangeNothing(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            club.programme(PROGRAMME);
            String ali = club.member("09121234567");
            club.storedValue().charge(ali, new BigDecimal("1000000"), "IRR", "pay:1", "till");
            String code = voucher(club, "{\"name\": \"V\", \"kind\": \"amount\", \"value\": 500000, \"count\": 1}");
            ClubCheckout checkout = club.checkout();
            // the voucher would apply, but the card is short: nothing of the sale happens
            ClubTestWiring.refusedOn("storedValue", () -> checkout.complete("s1",
                    new Checkout(ali, "IRR", "b", null, basket(), List.of(code), 0, new BigDecimal("3000000"))));
            assertThat(club.vouchers().voucher(code).orElseThrow().uses()).isZero();
            assertThat(club.count("SELECT COUNT(*) FROM club_purchase")).isZero();
            ClubTestWiring.refusedOn("vouchers[0]", () -> checkout.quote(new Checkout(ali, "IRR", "b", null, basket(), List.of("NOPE"), 0,
                    BigDecimal.ZERO)));
            ClubTestWiring.refusedOn("points", () -> checkout.quote(new Checkout(null, "IRR", "b", null, basket(), List.of(), 100,
                    BigDecimal.ZERO)));
            ClubTestWiring.refusedOn("lines[0].quantity", () -> checkout.quote(new Checkout(ali, "IRR", "b", null,
                    List.of(new Line("x", "c", BigDecimal.ZERO, BigDecimal.ONE)), List.of(), 0, BigDecimal.ZERO)));
            ClubTestWiring.refusedOn("source", () -> checkout.refund("no-such-sale", "r", BigDecimal.ONE, true));
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void anOfflineSaleCountsWhenItHappenedAndAnAnonymousOneUsesBearerVouchers(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            club.programme(PROGRAMME);
            String ali = club.member("09121234567");
            Instant yesterday = Instant.now().minus(Duration.ofDays(1));
            String expiring = voucher(club, "{\"name\": \"Until an hour ago\", \"kind\": \"percent\", \"value\": 10, \"count\": 1,"
                    + " \"validTo\": \"" + Instant.now().minus(Duration.ofHours(1)) + "\"}");
            ClubCheckout.Priced offline = club.checkout().complete("pos:t2:7", new Checkout(ali, "IRR", "b", yesterday, basket(),
                    List.of(expiring), 0, BigDecimal.ZERO));
            assertThat(offline.discounts().get(0).amount()).as("valid when the sale happened").isEqualByComparingTo("700000");
            assertThat(club.count("SELECT COUNT(*) FROM club_purchase WHERE purchased_at < CURRENT_TIMESTAMP - INTERVAL '12' HOUR"))
                    .as("the spend counts at the sale's time").isEqualTo(1);

            String bearer = voucher(club, "{\"name\": \"Flyer\", \"kind\": \"amount\", \"value\": 100000, \"count\": 1}");
            ClubCheckout.Priced anonymous = club.checkout().complete("pos:t2:8", new Checkout(null, "IRR", "b", null, basket(),
                    List.of(bearer), 0, BigDecimal.ZERO));
            assertThat(anonymous.total()).isEqualByComparingTo("6900000");
            assertThat(anonymous.pointsEarned()).isZero();
            assertThat(anonymous.pointsBalance()).isNull();
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void theFirstSaleAtATillRaisesTheTierWhateverTheClockPrecision(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            club.programme("""
                    {"name": "tiers", "currency": "IRR", "earn": {"points": 1, "per": 100000},
                     "tiers": {"windowMonths": 12, "graceMonths": 1, "levels": [
                         {"name": "bronze", "from": 0}, {"name": "silver", "from": 50000000}]}}""");
            // a till's clock with nanoseconds that a database rounds up to the next microsecond
            Instant soldAt = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusNanos(999_999_600L);
            for (int i = 0; i < 5; i++) {
                String member = club.member("0912123456" + i);
                Checkout sale = new Checkout(member, "IRR", "shiraz-1", soldAt.plusNanos(i * 777L), List.of(new Line("tv", "electronics",
                        BigDecimal.ONE, new BigDecimal("60000000"))), List.of(), 0, BigDecimal.ZERO);
                assertThat(club.checkout().complete("pos:t1:" + i, sale).tier()).as("sale %d", i).isEqualTo("silver");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aSaleMadeBeforeAnyProgrammeCanBeRefunded(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            String ali = club.member("09121234567");
            Checkout sale = new Checkout(ali, "IRR", "shiraz-1", null, basket(), List.of(), 0, BigDecimal.ZERO);
            assertThat(club.checkout().complete("pos:t1:1", sale).pointsEarned()).isZero();
            club.programme(PROGRAMME);
            ClubCheckout.Refunded refunded = club.checkout().refund("pos:t1:1", "pos:t1:1:r1", BigDecimal.ONE, false);
            assertThat(refunded.applied()).isTrue();
            assertThat(refunded.pointsTakenBack()).isZero();
            assertThat(club.checkout().refund("pos:t1:1", "pos:t1:1:r1", BigDecimal.ONE, false).applied()).as("once").isFalse();
        }
    }

    /** A store card earning double: the till's payments reach the programme (the Nordstrom rule). */
    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void theSharePaidWithTheStoreCardEarnsItsMultiplier(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            club.programme("""
                    {"name": "store card", "currency": "IRR", "earn": {"points": 1, "per": 100000},
                     "payments": {"store-card": {"multiplier": 2}}}""");
            String sara = club.member("09121234568");
            ClubCheckout.MemberRef who = new ClubCheckout.MemberRef(null, null, sara);
            List<Line> rice = List.of(new Line("rice", "grocery", new BigDecimal("2"), new BigDecimal("3000000")));
            Checkout basket = new Checkout(null, "IRR", "shiraz-1", null, rice, List.of(), 0, BigDecimal.ZERO);
            // 6,000,000 IRR at 1 point per 100,000 is 60; 4,000,000 of it on the store card: 60 × (4 × 2 + 2 × 1) / 6 = 100
            ClubCheckout.Priced split = club.checkout().complete("pos:t1:1", who, basket, List.of(
                    new ClubCheckout.Payment("store-card", new BigDecimal("4000000")), new ClubCheckout.Payment("cash", new BigDecimal("2000000"))));
            assertThat(split.pointsEarned()).isEqualTo(100);
            assertThat(club.checkout().complete("pos:t1:2", who, basket, cash(new BigDecimal("6000000"))).pointsEarned()).isEqualTo(60);
            assertThat(club.points().balance(sara).available()).isEqualTo(160);
            // a negative part would pass the sum's check and make the card's share 10 million: refused, nothing applied
            ClubTestWiring.refusedOn("payments[1].amount", () -> club.checkout().complete("pos:t1:3", who, basket, List.of(
                    new ClubCheckout.Payment("store-card", new BigDecimal("10000000")), new ClubCheckout.Payment("cash",
                            new BigDecimal("-4000000")))));
            assertThat(club.points().balance(sara).available()).isEqualTo(160);
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aTillsSaleIsOneCallOnOneConnectionAndWrongPaymentsApplyNothing(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            club.programme(PROGRAMME);
            String ali = club.member("09121234567");
            club.points().earn(ali, 250, "bonus:welcome", null);
            String card = club.members().get(ali).orElseThrow().cards().get(0);
            // the club again, on a pool of one connection: a call that opened a second one inside its transaction times out
            com.zaxxer.hikari.HikariConfig oneConnection = new com.zaxxer.hikari.HikariConfig();
            oneConnection.setDataSource(db);
            oneConnection.setMaximumPoolSize(1);
            oneConnection.setConnectionTimeout(2_000);
            HikariDataSource one = new HikariDataSource(oneConnection);
            ClubCheckout checkout = ClubTestWiring.onMigrated(one).checkout();
            ClubCheckout.Checkout basket = new Checkout(null, "IRR", "shiraz-1", null, basket(), List.of(), 100, BigDecimal.ZERO);
            String persian = card.chars().mapToObj(c -> String.valueOf((char) ('۰' + (c - '0')))).collect(java.util.stream.Collectors.joining());
            ClubCheckout.MemberRef scanned = new ClubCheckout.MemberRef(persian, null, null); // as a Persian keypad sends it
            BigDecimal due = checkout.quote(scanned, basket).amountDue();

            ClubTestWiring.refusedOn("payments", () -> checkout.complete("pos:t9:1", scanned, basket, cash(due.add(BigDecimal.TEN))));
            assertThat(club.points().balance(ali).available()).as("the refused sale spent nothing").isEqualTo(250);
            ClubTestWiring.refusedOn("card", () -> checkout.complete("pos:t9:2", new ClubCheckout.MemberRef("6104000000000000", null, null),
                    basket, cash(due)));

            ClubCheckout.Priced sold = checkout.complete("pos:t9:1", scanned, basket, cash(due));
            assertThat(sold.applied()).isTrue();
            assertThat(sold.memberId()).isEqualTo(ali);
            assertThat(sold.pointsRedeemed()).isEqualTo(100);
            assertThat(checkout.complete("pos:t9:1", scanned, basket, cash(due)).applied()).as("once per sale").isFalse();
            assertThat(checkout.find(card, null, null).orElseThrow().pointsAvailable()).isEqualTo(150 + sold.pointsEarned());
            one.close();
        }
    }

    private static List<ClubCheckout.Payment> cash(BigDecimal amount) {
        return List.of(new ClubCheckout.Payment("cash", amount));
    }
}
