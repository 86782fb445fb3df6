package org.vafa.core.branding;

import static org.vafa.api.rest.RestJson.answer;
import static org.vafa.api.rest.RestJson.jsonBody;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.rest.RestHeaders;
import org.vafa.api.rest.RestJson;

/** The branding: read by anyone (the member panel shows it before sign-in), changed with the admin scope. */
@Component(service = RoutesBuilder.class)
public class BrandingRestRoutes extends RouteBuilder {
    private static final String JSON = "application/json";
    private final Branding branding;

    @Activate
    public BrandingRestRoutes(@Reference Branding branding) {
        this.branding = branding;
    }

    @Override
    public void configure() {
        rest("/public/branding").description("The organisation's look in the member panel")
                .get().id("api-public-branding").produces(JSON).outType(Branding.BrandingSettings.class)
                .description("Name, colour, logo, how amounts are shown (rial or toman) and banners; needs no key")
                .to("direct:public-branding");
        rest("/admin/branding").description("The organisation's look")
                .put().id("api-admin-branding").consumes(JSON).produces(JSON).type(Branding.BrandingSettings.class)
                .outType(Branding.BrandingSettings.class)
                .description("{name, colour? (#RRGGBB, at least 4.5:1 behind white text), logo? (data: URL of a PNG, JPEG or WebP"
                        + " up to 200 KB), amounts? (rial|toman), banners? [{title, text?}] (5)}: the whole branding; a field that"
                        + " does not pass is a 400 naming it and nothing changes")
                .to("direct:admin-branding");
        from("direct:public-branding").routeId("public-branding")
                .process(e -> answer(e, 200, RestJson.MAPPER.valueToTree(branding.current())));
        from("direct:admin-branding").routeId("admin-branding").process(e -> answer(e, 200, RestJson.MAPPER.valueToTree(
                branding.replace(jsonBody(e), e.getMessage().getHeader(RestHeaders.API_KEY_NAME, String.class)))));
    }
}
