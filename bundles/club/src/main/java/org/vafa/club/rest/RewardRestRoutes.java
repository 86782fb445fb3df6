package org.vafa.club.rest;

import static org.vafa.club.rest.Rest.JSON;
import static org.vafa.club.rest.Rest.answer;
import static org.vafa.club.rest.Rest.id;
import static org.vafa.club.rest.Rest.jsonBody;
import static org.vafa.club.rest.Rest.query;
import static org.vafa.club.rest.Rest.tree;

import java.util.Set;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.Fields;
import org.vafa.club.rewards.Rewards;

/** The rewards catalogue and members' claims, under {@code /api/club}. */
@Component(service = RoutesBuilder.class)
public class RewardRestRoutes extends RouteBuilder {
    @Reference
    private Rewards rewards;

    @Override
    public void configure() {
        rest("/club/rewards").description("The rewards catalogue")
                .get().id("api-club-rewards").produces(JSON).outType(Rewards.Reward[].class).description("Rewards on offer, by cost (?all=true: inactive too)")
                .param().name("all").type(RestParamType.query).required(false).endParam()
                .to("direct:club-rewards")
                .post().id("api-club-reward-create").consumes(JSON).produces(JSON).type(Rewards.NewReward.class)
                .outType(Rewards.Reward.class)
                .description("{name, description?, pointsCost, stock? (absent: unlimited), active? (true)}")
                .to("direct:club-reward-create")
                .get("/{id}").id("api-club-reward").produces(JSON).outType(Rewards.Reward.class).description("One reward").to("direct:club-reward")
                .patch("/{id}").id("api-club-reward-update").consumes(JSON).produces(JSON)
                .type(Rewards.RewardChanges.class).outType(Rewards.Reward.class)
                .description("Changes the given fields (stock: null is unlimited)").to("direct:club-reward-update");
        rest("/club/members").description("Club members")
                .get("/{id}/rewards").id("api-club-member-rewards").produces(JSON).outType(Rewards.Claim[].class).description("The member's claims, newest first")
                .to("direct:club-member-rewards")
                .post("/{id}/rewards").id("api-club-reward-claim").consumes(JSON).produces(JSON).outType(Rewards.Claimed.class)
                .description("{rewardId, quantity? (1)}: the member spends the points; 409 when out of stock or short of points."
                        + " Send an Idempotency-Key: a retried claim is answered, not repeated")
                .to("direct:club-reward-claim");
        rest("/club/reward-claims").description("Claims on rewards")
                .post("/{id}/cancel").id("api-club-reward-claim-cancel").produces(JSON)
                .description("Undoes a claim: the points and the stock come back; cancelling again changes nothing")
                .to("direct:club-reward-claim-cancel");

        from("direct:club-rewards").routeId("club-rewards").process(e -> answer(e, 200, tree(rewards.list("true".equals(query(e, "all"))))));
        from("direct:club-reward-create").routeId("club-reward-create").process(e -> {
            Rewards.Reward reward = rewards.create(Rewards.NewReward.read(jsonBody(e)));
            e.getMessage().setHeader("Location", "/api/club/rewards/" + reward.id());
            answer(e, 201, tree(reward));
        });
        from("direct:club-reward").routeId("club-reward").process(e ->
                answer(e, 200, tree(rewards.get(id(e)).orElseThrow(() -> Problem.notFound("No reward " + id(e))))));
        from("direct:club-reward-update").routeId("club-reward-update").process(e -> answer(e, 200, tree(rewards.update(id(e), Rewards.RewardChanges.read(jsonBody(e))))));
        from("direct:club-member-rewards").routeId("club-member-rewards").process(e -> answer(e, 200, tree(rewards.claimsOf(id(e)))));
        from("direct:club-reward-claim").routeId("club-reward-claim").process(e -> {
            Fields f = new Fields(jsonBody(e), Set.of("rewardId", "quantity"));
            answer(e, 201, tree(rewards.claim(id(e), f.text("rewardId", true, 36), (int) f.whole("quantity", 1, 100, 1))));
        });
        from("direct:club-reward-claim-cancel").routeId("club-reward-claim-cancel").process(e -> answer(e, 200, tree(rewards.cancel(id(e)))));
    }
}
