package org.vafa.club.rest;

import static org.vafa.api.rest.RestJson.answer;

import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestHeaders;
import org.vafa.api.rest.RestJson;
import org.vafa.club.api.ClubCheckout;
import org.vafa.club.points.PointsLedger;
import org.vafa.club.rewards.Rewards;
import org.vafa.club.tiers.MemberTiers;

/** The club for the signed-in member under {@code /api/me}: their profile, balances, vouchers and points history. */
@Component(service = RoutesBuilder.class)
public class MemberSelfRestRoutes extends RouteBuilder {
    private static final String JSON = "application/json";

    private final ClubCheckout club;
    private final PointsLedger points;

    /** A line of the member's points history, as the member sees it (no operator names). */
    public record PointsLine(String kind, long points, String source, Instant releaseAt, String reason, Instant createdAt) {
    }

    /** The rewards a member can claim, and what they claimed. */
    public record MemberRewards(List<Rewards.Reward> catalogue, List<Rewards.Claim> claims) {
    }

    /** {@code POST /api/me/rewards}. */
    public record RewardClaimRequest(String rewardId, Integer quantity) {
    }

    private final Rewards rewards;
    private final MemberTiers tiers;

    @Activate
    public MemberSelfRestRoutes(@Reference ClubCheckout club, @Reference PointsLedger points, @Reference Rewards rewards,
                                @Reference MemberTiers tiers) {
        this.club = club;
        this.points = points;
        this.rewards = rewards;
        this.tiers = tiers;
    }

    @Override
    public void configure() {
        rest("/me").description("The signed-in member")
                .get().id("api-me").produces(JSON).outType(ClubCheckout.MemberView.class)
                .description("The member's profile: names, cards, tier, points available and pending, stored value, vouchers")
                .to("direct:me")
                .get("/points").id("api-me-points").produces(JSON).outType(PointsLine[].class)
                .description("The member's points history, newest first (the last 200)").to("direct:me-points")
                .get("/tier").id("api-me-tier").produces(JSON).outType(MemberTiers.TierProgress.class)
                .description("The member's tier and progress: what counts (spend or points earned) in the window so far, the next"
                        + " level and its threshold (404 when the programme has no tiers)").to("direct:me-tier")
                .get("/rewards").id("api-me-rewards").produces(JSON).outType(MemberRewards.class)
                .description("The rewards on offer (by cost) and the member's claims, newest first").to("direct:me-rewards")
                .post("/rewards").id("api-me-reward-claim").consumes(JSON).produces(JSON).type(RewardClaimRequest.class)
                .outType(Rewards.Claimed.class)
                .description("{rewardId, quantity? (1)}: the member spends the points; 409 when out of stock or short of points")
                .to("direct:me-reward-claim");
        from("direct:me-tier").routeId("me-tier").process(e -> answer(e, 200, RestJson.MAPPER.valueToTree(tiers.progress(member(e),
                java.time.Instant.now()).orElseThrow(() -> Problem.notFound("The programme has no tiers")))));
        from("direct:me-rewards").routeId("me-rewards").process(e -> answer(e, 200, RestJson.MAPPER.valueToTree(
                new MemberRewards(rewards.list(false), rewards.claimsOf(member(e))))));
        from("direct:me-reward-claim").routeId("me-reward-claim").process(e -> {
            org.vafa.api.rest.Fields f = new org.vafa.api.rest.Fields(RestJson.jsonBody(e), java.util.Set.of("rewardId", "quantity"));
            answer(e, 201, RestJson.MAPPER.valueToTree(rewards.claim(member(e), f.text("rewardId", true, 36), (int) f.whole("quantity", 1, 100, 1))));
        });

        from("direct:me").routeId("me").process(e -> answer(e, 200, RestJson.MAPPER.valueToTree(club.find(null, null, member(e))
                .orElseThrow(() -> Problem.notFound("No such member")))));
        from("direct:me-points").routeId("me-points").process(e -> {
            List<PointsLine> lines = points.history(member(e), 200).stream().map(p -> new PointsLine(p.kind(), p.points(), p.source(),
                    p.releaseAt(), p.reason(), p.createdAt())).toList();
            answer(e, 200, RestJson.MAPPER.valueToTree(lines));
        });
    }

    private static String member(Exchange e) {
        return RestHeaders.signedInMember(e);
    }
}
