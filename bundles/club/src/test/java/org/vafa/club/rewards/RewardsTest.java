package org.vafa.club.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.rest.Problem;
import org.vafa.club.ClubTestWiring;
import org.vafa.club.members.MemberJson;
import org.vafa.club.points.PointsDiscounts;
import org.vafa.core.db.TestDatabases;

/** The rewards catalogue and points as a discount, on both databases. */
class RewardsTest {

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aClaimSpendsPointsAndStockTogetherAndCancellingGivesBothBack(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            Rewards rewards = club.rewards();
            String ali = club.member("09121234567");
            club.points().earn(ali, 500, "pos:sale:1", null);
            Rewards.Reward mug = rewards.create(Rewards.NewReward.read(MemberJson.MAPPER.readTree(
                    "{\"name\": \"ماگ باشگاه\", \"pointsCost\": 200, \"stock\": 2}")));
            Rewards.Reward cinema = rewards.create(Rewards.NewReward.read(MemberJson.MAPPER.readTree("{\"name\": \"Cinema ticket\", \"pointsCost\": 400}")));

            Rewards.Claimed claimed = rewards.claim(ali, mug.id(), 2);
            assertThat(claimed.claim().points()).isEqualTo(400);
            assertThat(claimed.balance().available()).isEqualTo(100);
            assertThat(rewards.get(mug.id()).orElseThrow().stock()).isZero();

            ClubTestWiring.refusedOn("points", () -> rewards.claim(ali, cinema.id(), 1)); // short of points
            club.points().earn(ali, 500, "pos:sale:2", null);
            ClubTestWiring.refusedOn("quantity", () -> rewards.claim(ali, mug.id(), 1)); // out of stock
            assertThat(club.points().balance(ali).available()).as("a refused claim spends nothing").isEqualTo(600);

            Rewards.Claimed cancelled = rewards.cancel(claimed.claim().id());
            assertThat(cancelled.claim().status()).isEqualTo("CANCELLED");
            assertThat(cancelled.balance().available()).isEqualTo(1000);
            assertThat(rewards.get(mug.id()).orElseThrow().stock()).isEqualTo(2);
            assertThat(rewards.cancel(claimed.claim().id()).balance().available()).as("cancelling twice").isEqualTo(1000);

            rewards.update(cinema.id(), Rewards.RewardChanges.read(MemberJson.MAPPER.readTree("{\"active\": false}")));
            assertThat(rewards.list(false)).extracting(Rewards.Reward::name).containsExactly("ماگ باشگاه");
            assertThatThrownBy(() -> rewards.claim(ali, cinema.id(), 1))
                    .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(409));
            assertThat(rewards.claimsOf(ali)).hasSize(1);
            assertThat(club.events("club.reward.claimed")).isEqualTo(1);
            assertThat(club.events("club.reward.cancelled")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void pointsBuyADiscountInWholeStepsWithinTheBasketShareOncePerSale(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            club.programme("""
                    {"name": "shop", "currency": "IRR", "earn": {"points": 1, "per": 100000},
                     "redemption": {"points": 100, "value": 1000000, "maxShareOfBasket": 0.3}}""");
            String ali = club.member("09121234567");
            club.points().earn(ali, 450, "pos:sale:1", null);
            PointsDiscounts discounts = club.discounts();

            PointsDiscounts.Quote quote = discounts.quote(ali, 1000, new BigDecimal("20000000"), "IRR");
            assertThat(quote.points()).as("what the member has, in whole steps").isEqualTo(400);
            assertThat(quote.amount()).isEqualByComparingTo("4000000");
            assertThat(discounts.quote(ali, 1000, new BigDecimal("5000000"), "IRR").amount()).as("30 % of 5,000,000 → one step")
                    .isEqualByComparingTo("1000000");
            assertThat(club.points().balance(ali).available()).as("a quote spends nothing").isEqualTo(450);

            PointsDiscounts.Redeemed redeemed = discounts.redeem(ali, 1000, new BigDecimal("20000000"), "IRR", "pos:sale:2");
            assertThat(redeemed.applied()).isTrue();
            assertThat(redeemed.balance().available()).isEqualTo(50);
            PointsDiscounts.Redeemed replay = discounts.redeem(ali, 1000, new BigDecimal("20000000"), "IRR", "pos:sale:2");
            assertThat(replay.applied()).isFalse();
            assertThat(replay.quote().amount()).as("the replay answers the same discount").isEqualByComparingTo("4000000");
            assertThatThrownBy(() -> discounts.redeem(ali, 100, new BigDecimal("20000000"), "IRR", "pos:sale:3"))
                    .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(409));
            ClubTestWiring.refusedOn("currency", () -> discounts.quote(ali, 100, new BigDecimal("20000000"), "USD"));
            // a refund of half the sale gives back half of the points it redeemed
            club.points().reverse(ali, "pos:sale:2", "refund:1", new BigDecimal("0.5"));
            assertThat(club.points().balance(ali).available()).isEqualTo(250);
        }
    }
}
