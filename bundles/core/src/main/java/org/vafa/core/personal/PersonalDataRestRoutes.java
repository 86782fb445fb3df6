package org.vafa.core.personal;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.rest.RestHeaders;
import org.vafa.api.rest.RestJson;

/** A member's personal data over REST, under {@code /api/admin/members/{id}/personal-data} (scope {@code admin}). */
@Component(service = RoutesBuilder.class)
public class PersonalDataRestRoutes extends RouteBuilder {
    private static final String JSON = "application/json";

    private final PersonalDataService personalData;

    @Activate
    public PersonalDataRestRoutes(@Reference PersonalDataService personalData) {
        this.personalData = personalData;
    }

    @Override
    public void configure() {
        rest("/admin/members").description("A member's personal data, across every plugin and the event log")
                .get("/{id}/personal-data").id("api-admin-personal-data").produces(JSON)
                .description("Everything held about the member: a section per plugin (a plugin not installed says so), the member's"
                        + " events, a summary in Persian and English, and the erasure if there was one")
                .to("direct:admin-personal-data")
                .delete("/{id}/personal-data").id("api-admin-personal-data-erase").produces(JSON)
                .outType(PersonalDataService.Erasure.class)
                .description("Erases the member everywhere (?reason= is required and recorded); 200 when every part is done, 202 while a"
                        + " plugin that is not installed still has its part to do (it does it when it comes back). Asking again"
                        + " answers the same erasure")
                .param().name("reason").type(RestParamType.query).required(true).endParam()
                .to("direct:admin-personal-data-erase");

        from("direct:admin-personal-data").routeId("admin-personal-data").process(e ->
                RestJson.answer(e, 200, RestJson.MAPPER.valueToTree(personalData.export(e.getMessage().getHeader("id", String.class)))));
        from("direct:admin-personal-data-erase").routeId("admin-personal-data-erase").process(e -> {
            PersonalDataService.Erasure erasure = personalData.erase(e.getMessage().getHeader("id", String.class),
                    e.getMessage().getHeader("reason", String.class), e.getMessage().getHeader(RestHeaders.API_KEY_NAME, String.class));
            RestJson.answer(e, erasure.completedAt() != null ? 200 : 202, RestJson.MAPPER.valueToTree(erasure));
        });
    }
}
