package org.vafa.crm.rest;

import static org.vafa.api.rest.RestJson.answer;
import static org.vafa.api.rest.RestJson.jsonBody;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestHeaders;
import org.vafa.api.rest.RestJson;
import org.vafa.crm.surveys.Surveys;

/**
 * Surveys: defined and reported under {@code /api/crm/surveys} (scope {@code crm}), answered by the customer behind
 * the signed link under {@code /api/public/surveys/<token>} or, signed in, under {@code /api/me/surveys}.
 */
@Component(service = RoutesBuilder.class)
public class SurveyRestRoutes extends RouteBuilder {
    private static final String JSON = "application/json";

    private final Surveys surveys;

    /** {@code {answers: {questionId: option | 1..5 | text}}}. */
    public record Answers(java.util.Map<String, Object> answers) {
    }

    @Activate
    public SurveyRestRoutes(@Reference Surveys surveys) {
        this.surveys = surveys;
    }

    @Override
    public void configure() {
        rest("/crm/surveys").description("Short surveys sent by routes through signed links")
                .post().id("api-crm-survey-define").consumes(JSON).produces(JSON).type(Surveys.NewSurvey.class).outType(Surveys.Survey.class)
                .description("{id, title, questions: [{id, kind: choice|scale|text, text, options? (choice)}]}; a route invites"
                        + " customers with VafaSurvey=<id> (routes/crm-survey-after-sale.camel.yaml)")
                .to("direct:crm-survey-define")
                .get().id("api-crm-surveys").produces(JSON).outType(Surveys.Survey[].class).description("The surveys").to("direct:crm-surveys")
                .get("/{id}/results").id("api-crm-survey-results").produces(JSON).outType(Surveys.Results.class)
                .description("Invited, answered, and per question the count of each option or 1..5, the mean, the latest texts")
                .to("direct:crm-survey-results");
        rest("/public/surveys").description("A survey behind the link texted to a customer (the signed link is the authority)")
                .get("/{token}").id("api-public-survey").produces(JSON).outType(Surveys.Invitation.class)
                .description("The questions, and whether they were answered").to("direct:public-survey")
                .post("/{token}").id("api-public-survey-answer").consumes(JSON).produces(JSON).type(Answers.class)
                .outType(Surveys.Invitation.class).description("{answers: {questionId: answer}}: recorded once (409 after)")
                .to("direct:public-survey-answer");
        rest("/me/surveys").description("The signed-in member's surveys")
                .get().id("api-me-surveys").produces(JSON).outType(Surveys.Invitation[].class)
                .description("The surveys the member was invited to, newest first, answered or not").to("direct:me-surveys")
                .post("/{id}").id("api-me-survey-answer").consumes(JSON).produces(JSON).type(Answers.class).outType(Surveys.Invitation.class)
                .description("{answers: {questionId: answer}}: recorded once (409 after)").to("direct:me-survey-answer");

        from("direct:crm-survey-define").routeId("crm-survey-define").process(e -> {
            Surveys.Survey s = surveys.define(Surveys.NewSurvey.read(jsonBody(e)));
            e.getMessage().setHeader("Location", "/api/crm/surveys/" + s.id());
            answer(e, 201, tree(s));
        });
        from("direct:crm-surveys").routeId("crm-surveys").process(e -> answer(e, 200, tree(surveys.list())));
        from("direct:crm-survey-results").routeId("crm-survey-results").process(e -> answer(e, 200, tree(surveys.results(
                e.getMessage().getHeader("id", String.class)))));
        from("direct:public-survey").routeId("public-survey").process(e -> answer(e, 200, tree(linked(e))));
        from("direct:public-survey-answer").routeId("public-survey-answer").process(e -> answer(e, 201,
                tree(surveys.answer(linked(e).id(), null, jsonBody(e)))));
        from("direct:me-surveys").routeId("me-surveys").process(e -> answer(e, 200, tree(surveys.forMember(member(e)))));
        from("direct:me-survey-answer").routeId("me-survey-answer").process(e -> answer(e, 201,
                tree(surveys.answer(e.getMessage().getHeader("id", String.class), member(e), jsonBody(e)))));
    }

    private Surveys.Invitation linked(Exchange e) {
        return surveys.byLink(e.getMessage().getHeader("token", String.class))
                .orElseThrow(() -> Problem.notFound("This link is not valid (altered, or expired)"));
    }

    private static String member(Exchange e) {
        return RestHeaders.signedInMember(e);
    }

    private static JsonNode tree(Object value) {
        return RestJson.MAPPER.valueToTree(value);
    }
}
