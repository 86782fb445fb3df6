package org.vafa.club.sales;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.db.Sql;
import org.vafa.club.ClubTestWiring;
import org.vafa.club.rules.Purchase;
import org.vafa.core.Standalone;
import org.vafa.core.db.TestDatabases;

/** Points that become a $20 note by themselves at 2,000 (the Nordstrom rule), once per crossing, voided by a refund. */
class RewardNotesTest {
    private static final String NOTES = """
            {"name": "notes", "currency": "USD", "earn": {"points": 1, "per": 1, "rounding": "down"},
             "notes": {"every": 2000, "value": 20, "validDays": 365}}""";

    private static Purchase spend(String amount) {
        return new Purchase(List.of(new Purchase.Line("coat", "apparel", BigDecimal.ONE, new BigDecimal(amount))), "USD", "store-1",
                LocalDate.now());
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void crossingTwoThousandIssuesOneNoteAndARefundBeforeItIsUsedVoidsIt(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            club.programme(NOTES);
            String sara = club.member("09121234567");
            // $1,500: 1,500 points, no note yet
            club.sales().purchase(sara, "pos:t1:1", spend("1500"));
            assertThat(notes(club, sara)).isEmpty();
            // $700 more: 2,200 → one $20 note for 2,000 points, 200 left
            club.sales().purchase(sara, "pos:t1:2", spend("700"));
            assertThat(notes(club, sara)).containsExactly("ISSUED");
            assertThat(club.points().balance(sara).available()).isEqualTo(200);
            assertThat(club.vouchers().heldBy(sara)).singleElement().satisfies(v -> {
                assertThat(v.batch().value()).isEqualByComparingTo("20");
                assertThat(v.batch().currency()).isEqualTo("USD");
            });
            // the $700 sale refunded before the note is used: 200 - 700 = -500, the note voided, its 2,000 back: 1,500
            club.sales().refund(sara, "pos:t1:2", "pos:t1:2:r1", BigDecimal.ONE);
            assertThat(notes(club, sara)).containsExactly("VOID");
            assertThat(club.points().balance(sara).available()).isEqualTo(1500);
            assertThat(club.vouchers().heldBy(sara)).as("the note's code no longer usable").isEmpty();
            assertThat(events(db, "club.note.issued")).isEqualTo(1);
            assertThat(events(db, "club.note.voided")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void twoTillsCrossingAtOnceIssueExactlyOneNote(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            club.programme(NOTES);
            String ali = club.member("09121234568");
            club.sales().purchase(ali, "pos:t0:1", spend("1900"));
            // two tills sell $150 each at the same moment: 2,200 in all, one note whichever commits first
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<?>> sales = new ArrayList<>();
                for (int till = 1; till <= 2; till++) {
                    String source = "pos:t" + till + ":1";
                    sales.add(pool.submit(() -> {
                        together.await();
                        return club.sales().purchase(ali, source, spend("150"));
                    }));
                }
                for (Future<?> f : sales) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(notes(club, ali)).containsExactly("ISSUED");
            assertThat(club.points().balance(ali).available()).isEqualTo(200);
        }
    }

    /** restaurant.json: a stamp per visit of 2,000,000 rials or more; the tenth stamp is a free meal, once. */
    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aRestaurantMembersTenthVisitIsAFreeMealOnce(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            try (var in = RewardNotesTest.class.getResourceAsStream("/rules/restaurant.json")) {
                club.programme(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            String reza = club.member("09151234567");
            // twelve visits; the 2nd and the 7th bills are under 2,000,000 (no stamp): the 10th stamp comes at the 12th visit
            String[] bills = {"2500000", "1800000", "3000000", "2000000", "4200000", "2100000", "950000", "2600000", "2000000",
                    "3300000", "2800000", "5100000"};
            for (int visit = 1; visit <= bills.length; visit++) {
                club.sales().purchase(reza, "pos:mashhad-1:" + visit, new Purchase(List.of(new Purchase.Line("meal", "food", BigDecimal.ONE,
                        new BigDecimal(bills[visit - 1]))), "IRR", "mashhad-1", LocalDate.now()));
                assertThat(notes(club, reza)).as("after visit %d", visit).hasSize(visit < 12 ? 0 : 1);
            }
            assertThat(club.points().balance(reza).available()).as("the ten stamps became the meal").isZero();
            assertThat(club.vouchers().heldBy(reza)).singleElement().satisfies(v ->
                    assertThat(v.batch().value()).isEqualByComparingTo("3500000"));
        }
    }

    /** kohls.json over a year's purchases, figures by hand: 1 point per dollar (down), every 100 points a $5 reward. */
    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void kohlsYear(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            club.programme(shipped("kohls"));
            String mina = club.member("09121112233");
            // Jan $45.50 → 45 (45) · Feb $80 → 80 (125: a $5 reward, 25) · Mar $19.99 → 19 (44)
            // Apr $250 → 250 (294: two rewards, 94) · May $6 → 6 (100: a reward, 0)
            String[] spends = {"45.50", "80", "19.99", "250", "6"};
            long[] balances = {45, 25, 44, 94, 0};
            int[] rewards = {0, 1, 1, 3, 4};
            for (int month = 0; month < spends.length; month++) {
                club.sales().purchase(mina, "pos:k:" + month, spend(spends[month]));
                assertThat(club.points().balance(mina).available()).as("month %d", month + 1).isEqualTo(balances[month]);
                assertThat(notes(club, mina)).as("month %d", month + 1).hasSize(rewards[month]);
            }
            assertThat(club.vouchers().heldBy(mina)).hasSize(4).allSatisfy(v -> assertThat(v.batch().value()).isEqualByComparingTo("5"));
        }
    }

    /**
     * saksfirst.json over a year, figures by hand: 2 points per dollar at silver, ×2 at gold (a year's spend of $2,000),
     * ×3 at platinum ($10,000), the level of the moment before each sale; every 2,500 points a $25 gift card.
     */
    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void saksFirstYear(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            club.programme(shipped("saksfirst"));
            String leila = club.member("09121112244");
            // $1,200 silver → 2,400 (2,400) · $1,000 silver → 2,000 (4,400: a card, 1,900; spend 2,200: gold)
            // $500 gold → 2,000 (3,900: a card, 1,400) · $8,000 gold → 32,000 (33,400: 13 cards, 900; spend 10,700: platinum)
            // $100 platinum → 600 (1,500)
            String[] spends = {"1200", "1000", "500", "8000", "100"};
            long[] balances = {2400, 1900, 1400, 900, 1500};
            int[] cards = {0, 1, 2, 15, 15};
            String[] levels = {"silver", "gold", "gold", "platinum", "platinum"};
            for (int i = 0; i < spends.length; i++) {
                Sales.Recorded sale = club.sales().purchase(leila, "pos:s:" + i, spend(spends[i]));
                assertThat(club.points().balance(leila).available()).as("sale %d", i + 1).isEqualTo(balances[i]);
                assertThat(notes(club, leila)).as("sale %d", i + 1).hasSize(cards[i]);
                assertThat(sale.tier()).as("sale %d", i + 1).isEqualTo(levels[i]);
            }
        }
    }

    private static String shipped(String programme) throws Exception {
        try (var in = RewardNotesTest.class.getResourceAsStream("/rules/" + programme + ".json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static List<String> notes(ClubTestWiring club, String memberId) {
        return Standalone.database(club.db(), "test").inTransaction(tx -> Sql.list(tx, "SELECT status FROM club_note WHERE member_id = ?"
                + " ORDER BY issued_at", rs -> rs.getString(1), memberId));
    }

    private static long events(HikariDataSource db, String type) {
        return Standalone.database(db, "test").inTransaction(tx -> Sql.number(tx, "SELECT COUNT(*) FROM vafa_event WHERE event_type = ?",
                type));
    }
}
