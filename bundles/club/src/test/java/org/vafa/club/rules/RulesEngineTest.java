package org.vafa.club.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vafa.club.members.ClubDates;

/** The shipped example programmes, evaluated on real-looking baskets. */
class RulesEngineTest {
    private static final LocalDate TUESDAY = LocalDate.of(2026, 11, 24);

    private static RuleSet programme(String name) throws Exception {
        try (InputStream in = RulesEngineTest.class.getResourceAsStream("/rules/" + name + ".json")) {
            return RuleSet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Purchase.Line line(String sku, String category, String quantity, String price) {
        return new Purchase.Line(sku, category, new BigDecimal(quantity), new BigDecimal(price));
    }

    private static Purchase usd(LocalDate date, Purchase.Line... lines) {
        return new Purchase(List.of(lines), "USD", "store-1", date);
    }

    @Test
    void aLineBeyondTheLimitsOrABasketBeyondCountingIsTheClientsMistake() throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Purchase.Line.check("rice", new java.math.BigDecimal("1e30"),
                java.math.BigDecimal.ONE, "lines[0]")).isInstanceOfSatisfying(org.vafa.api.rest.Problem.class,
                        p -> assertThat(p.field()).isEqualTo("lines[0].quantity"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Purchase.Line.check("rice", java.math.BigDecimal.ONE,
                new java.math.BigDecimal("1e308"), "lines[0]")).isInstanceOfSatisfying(org.vafa.api.rest.Problem.class,
                        p -> assertThat(p.field()).isEqualTo("lines[0].unitPrice"));
        // each line within its limits, the whole earning more points than can be counted
        Purchase.Line huge = line("gold", "jewellery", "1000000", "1000000000000000");
        Purchase basket = usd(TUESDAY, java.util.Collections.nCopies(20, huge).toArray(Purchase.Line[]::new));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RulesEngine.evaluate(programme("sears"), basket, MemberFacts.ANONYMOUS))
                .isInstanceOfSatisfying(org.vafa.api.rest.Problem.class, p -> assertThat(p.field()).isEqualTo("lines"));
    }

    @Test
    void nordstromGivesTwoPointsPerDollarOnTheShareOfTheBasketPaidWithItsCard() throws Exception {
        RuleSet nordstrom = programme("nordstrom");
        Purchase.Line coat = line("coat", "apparel", "1", "120.00");
        // all on the Nordstrom card: 120 × 2 = 240
        assertThat(RulesEngine.evaluate(nordstrom, paid(coat, "nordstrom-card", "120.00"), MemberFacts.ANONYMOUS).points()).isEqualTo(240);
        // $50 cash and $70 on the card: 120 × (50 × 1 + 70 × 2) / 120 = 190
        Earning split = RulesEngine.evaluate(nordstrom, paid(coat, "cash", "50.00", "nordstrom-card", "70.00"), MemberFacts.ANONYMOUS);
        assertThat(split.points()).isEqualTo(190);
        assertThat(split.explanation()).contains("paid 70 by nordstrom-card ×2");
        // cash only, or payments not known (a quote): 1 per dollar, rounded down: 45.99 → 45
        Purchase.Line scarf = line("scarf", "apparel", "1", "45.99");
        assertThat(RulesEngine.evaluate(nordstrom, paid(scarf, "cash", "45.99"), MemberFacts.ANONYMOUS).points()).isEqualTo(45);
        assertThat(RulesEngine.evaluate(nordstrom, usd(TUESDAY, scarf), MemberFacts.ANONYMOUS).points()).isEqualTo(45);
        // a year's spend of $600 is the second level; 2,000 points are a $20 Note
        assertThat(nordstrom.tiers().levelFor(new BigDecimal("600"))).isEqualTo("influencer");
        assertThat(nordstrom.tiers().levelFor(new BigDecimal("15000"))).isEqualTo("icon");
        assertThat(nordstrom.notes()).as("2,000 points become a $20 Note by themselves (RewardNotesTest)")
                .isEqualTo(new RuleSet.Notes(2000, new BigDecimal("20"), 365));
    }

    @Test
    void aPaymentMethodIsNamedAsARegisterNamesIt() {
        assertThatThrownBy(() -> RuleSet.parse("{\"name\": \"x\", \"currency\": \"USD\", \"earn\": {\"points\": 1, \"per\": 1},"
                + " \"payments\": {\"Store Card\": {\"multiplier\": 2}}}")).isInstanceOfSatisfying(RuleSet.Invalid.class,
                        e -> assertThat(e.path()).isEqualTo("payments.Store Card"));
        assertThatThrownBy(() -> RuleSet.parse("{\"name\": \"x\", \"currency\": \"USD\", \"earn\": {\"points\": 1, \"per\": 1},"
                + " \"payments\": {\"card\": {\"multiplier\": -1}}}")).isInstanceOfSatisfying(RuleSet.Invalid.class,
                        e -> assertThat(e.path()).startsWith("payments.card"));
    }

    private static Purchase paid(Purchase.Line line, String... methodsAndAmounts) {
        List<Purchase.Payment> payments = new java.util.ArrayList<>();
        for (int i = 0; i < methodsAndAmounts.length; i += 2) {
            payments.add(new Purchase.Payment(methodsAndAmounts[i], new BigDecimal(methodsAndAmounts[i + 1])));
        }
        return new Purchase(List.of(line), "USD", "store-1", TUESDAY, payments);
    }

    @Test
    void searsGivesTenPointsPerDollarAndTwentyToPayingMembers() throws Exception {
        RuleSet sears = programme("sears");
        Purchase basket = usd(TUESDAY, line("drill", "tools", "1", "59.99"), line("bits", "tools", "2", "10.00"));
        assertThat(RulesEngine.evaluate(sears, basket, new MemberFacts("member", null, null)).points()).isEqualTo(799);
        assertThat(RulesEngine.evaluate(sears, basket, new MemberFacts("plus", null, null)).points()).isEqualTo(1599);
    }

    @Test
    void kohlsGivesAPointPerDollarTurnsHundredPointsIntoFiveDollarsAndABirthdayGift() throws Exception {
        RuleSet kohls = programme("kohls");
        Purchase basket = usd(TUESDAY, line("jeans", "apparel", "1", "45.50"));
        assertThat(RulesEngine.evaluate(kohls, basket, MemberFacts.ANONYMOUS).points()).isEqualTo(45);
        assertThat(kohls.birthday().gift()).as("the birthday gift comes without a purchase (the daily route)").isEqualTo(100);
        Earning birthday = RulesEngine.evaluate(kohls, basket, new MemberFacts(null, LocalDate.of(1990, 11, 24), null));
        assertThat(birthday.points()).as("a purchase on the birthday earns as any other").isEqualTo(45);
        RulesEngine.Discount reward = RulesEngine.pointsDiscount(kohls, 250, new BigDecimal("100"));
        assertThat(reward.amount()).isEqualByComparingTo("10");
        assertThat(reward.points()).as("only whole 100-point steps are used").isEqualTo(200);
        assertThat(kohls.notes()).as("and every 100 become a $5 reward by themselves, for 30 days")
                .isEqualTo(new RuleSet.Notes(100, new BigDecimal("5"), 30));
    }

    @Test
    void saksFirstTiersEarnTwoFourOrSixPointsPerDollar() throws Exception {
        RuleSet saks = programme("saksfirst");
        Purchase basket = usd(TUESDAY, line("bag", "accessories", "1", "1000"));
        assertThat(List.of("silver", "gold", "platinum").stream()
                .map(t -> RulesEngine.evaluate(saks, basket, new MemberFacts(t, null, null)).points()).toList())
                .containsExactly(2000L, 4000L, 6000L);
    }

    @Test
    void theIranianShopEarnsInRialWithExclusionsCategoriesCampaignsAndAJalaliBirthday() throws Exception {
        RuleSet shop = programme("iranian-shop");
        // 2,350,000 IRR of groceries + 1,000,000 of cosmetics (×2) + cigarettes (excluded)
        Purchase basket = new Purchase(List.of(line("rice", "grocery", "1", "2350000"), line("cream", "cosmetics", "1", "1000000"),
                line("cigarettes", "tobacco", "2", "800000")), "IRR", "shiraz-1", TUESDAY);
        Earning plain = RulesEngine.evaluate(shop, basket, new MemberFacts("bronze", null, null));
        assertThat(plain.points()).isEqualTo(43); // (2,350,000 + 2,000,000) / 100,000 = 43.5 → 43
        assertThat(plain.explanation()).anyMatch(s -> s.contains("tobacco earns no points"));
        assertThat(RulesEngine.evaluate(shop, basket, new MemberFacts("silver", null, null)).points()).isEqualTo(65);

        LocalDate birthDate = ClubDates.parse("1370-09-03"); // the member's Jalali birthday is 3 Azar
        LocalDate birthdayThisYear = ClubDates.parse("1405-09-03");
        Purchase onBirthday = new Purchase(basket.lines(), "IRR", "shiraz-1", birthdayThisYear);
        assertThat(RulesEngine.evaluate(shop, onBirthday, new MemberFacts("bronze", birthDate, null)).points()).isEqualTo(87);

        Purchase yalda = new Purchase(basket.lines(), "IRR", "shiraz-1", LocalDate.of(2026, 12, 21));
        assertThat(RulesEngine.evaluate(shop, yalda, new MemberFacts("bronze", null, null)).points()).isEqualTo(130);

        LocalDate friday = LocalDate.of(2026, 11, 27);
        Purchase tehranFriday = new Purchase(basket.lines(), "IRR", "tehran-1", friday);
        assertThat(RulesEngine.evaluate(shop, tehranFriday, MemberFacts.ANONYMOUS).points()).isEqualTo(43 + 20);

        Purchase small = new Purchase(List.of(line("gum", "grocery", "1", "300000")), "IRR", "shiraz-1", TUESDAY);
        assertThat(RulesEngine.evaluate(shop, small, MemberFacts.ANONYMOUS).points()).as("below the minimum spend").isZero();
        assertThat(RulesEngine.pointsDiscount(shop, 250, new BigDecimal("10000000")))
                .isEqualTo(new RulesEngine.Discount(200, new BigDecimal("2000000")));
        RulesEngine.Discount capped = RulesEngine.pointsDiscount(shop, 1000, new BigDecimal("10000000"));
        assertThat(capped.amount()).as("at most 30 % of the basket").isEqualByComparingTo("3000000");
        assertThat(capped.points()).as("and only the points of that").isEqualTo(300);
        assertThat(RulesEngine.pointsDiscount(shop, 99, new BigDecimal("10000000")).points()).as("less than a step").isZero();
    }

    @Test
    void aPurchaseInAnotherCurrencyIsRefused() throws Exception {
        assertThatThrownBy(() -> RulesEngine.evaluate(programme("sears"),
                new Purchase(List.of(line("x", "y", "1", "1")), "IRR", "b", TUESDAY), MemberFacts.ANONYMOUS))
                .hasMessageContaining("IRR");
    }

    @Test
    void aRuleSetWithAMistakeNamesWhere() {
        assertThatThrownBy(() -> RuleSet.parse("{\"name\": \"x\", \"currency\": \"usd\", \"earn\": {\"points\": 1, \"per\": 1}}"))
                .isInstanceOfSatisfying(RuleSet.Invalid.class, e -> assertThat(e.path()).isEqualTo("currency"));
        assertThatThrownBy(() -> RuleSet.parse("{\"name\": \"x\", \"currency\": \"USD\", \"earn\": {\"points\": 1, \"per\": 0}}"))
                .isInstanceOfSatisfying(RuleSet.Invalid.class, e -> assertThat(e.path()).isEqualTo("earn.per"));
        assertThatThrownBy(() -> RuleSet.parse("""
                {"name": "x", "currency": "USD", "earn": {"points": 1, "per": 1},
                 "campaigns": [{"name": "a", "multiplier": 2}, {"name": "b", "weekdays": ["FUNDAY"], "bonus": 5}]}"""))
                .isInstanceOfSatisfying(RuleSet.Invalid.class, e -> assertThat(e.path()).isEqualTo("campaigns[1].weekdays[0]"));
        assertThatThrownBy(() -> RuleSet.parse("{\"name\": \"x\", \"currency\": \"USD\", \"earn\": {\"points\": 1, \"per\": 1}, \"bonus\": 5}"))
                .isInstanceOfSatisfying(RuleSet.Invalid.class, e -> assertThat(e.path()).isEqualTo("bonus"));
        assertThatThrownBy(() -> RuleSet.parse("{\"name\": \"x\", \"currency\": \"USD\", \"earn\": {\"points\": 1, \"per\": 1},"
                + " \"bonuses\": {\"birthday\": {\"calendar\": \"lunar\"}}}"))
                .isInstanceOfSatisfying(RuleSet.Invalid.class, e -> assertThat(e.path()).isEqualTo("bonuses.birthday.calendar"));
    }
}
