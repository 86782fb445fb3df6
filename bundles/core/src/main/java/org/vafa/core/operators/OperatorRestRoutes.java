package org.vafa.core.operators;

import static org.vafa.api.rest.RestJson.answer;
import static org.vafa.api.rest.RestJson.jsonBody;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.RestJson;
import org.vafa.core.members.MemberSignIn;

/**
 * The console's sign-in under {@code /api/console}: a Karaf user and password open a session (an HttpOnly cookie and a
 * CSRF token for the page to send back); {@code GET /api/console/me} says who is signed in with which scopes; sign-out
 * ends it. With the cookie, the console calls the rest of the API as a key with the operator's scopes would.
 */
@Component(service = RoutesBuilder.class)
public class OperatorRestRoutes extends RouteBuilder {
    private static final String JSON = "application/json";

    private final OperatorSignIn signIn;

    public record OperatorCredentials(String user, String password) {
    }

    /** Who is signed in; {@code csrfToken} only in the sign-in's answer. */
    public record ConsoleSession(String operator, Set<String> scopes, Instant expiresAt, String csrfToken) {
    }

    @Activate
    public OperatorRestRoutes(@Reference OperatorSignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    public void configure() {
        rest("/console").description("Operators' console sessions (Karaf users and roles)")
                .post("/sign-in").id("api-console-sign-in").consumes(JSON).produces(JSON).type(OperatorCredentials.class).outType(ConsoleSession.class)
                .description("{user, password}: a session cookie (vafa_console: HttpOnly, SameSite=Strict, Secure over TLS) and"
                        + " {operator, scopes, expiresAt, csrfToken}; send X-CSRF-Token with every change. A wrong user or password is"
                        + " 401, too many attempts 429")
                .to("direct:console-sign-in")
                .get("/me").id("api-console-me").produces(JSON).outType(ConsoleSession.class).description("The signed-in operator and scopes")
                .to("direct:console-me")
                .post("/sign-out").id("api-console-sign-out").description("Ends the session (204); the cookie is cleared")
                .to("direct:console-sign-out");

        from("direct:console-sign-in").routeId("console-sign-in").process(e -> {
            Fields f = new Fields(jsonBody(e), Set.of("user", "password"));
            OperatorSignIn.Session s = signIn.signIn(f.text("user", true, 100), f.text("password", true, 200),
                    e.getMessage().getHeader(MemberSignIn.CLIENT_ADDRESS, String.class));
            boolean secure = e.getMessage().getHeader(OperatorSignIn.SECURE_HEADER, false, Boolean.class);
            e.getMessage().setHeader("Set-Cookie", OperatorSignIn.setCookie(s.token(),
                    Duration.between(Instant.now(), s.expiresAt()).toSeconds(), secure));
            answer(e, 200, RestJson.MAPPER.valueToTree(new ConsoleSession(s.operator(), s.scopes(), s.expiresAt(), s.csrfToken())));
        });
        from("direct:console-me").routeId("console-me").process(e -> {
            OperatorSignIn.Operator o = signIn.authenticate(OperatorSignIn.cookie(e.getMessage().getHeader("Cookie", String.class)))
                    .orElseThrow();
            answer(e, 200, RestJson.MAPPER.valueToTree(new ConsoleSession(o.name(), o.scopes(), null, null)));
        });
        from("direct:console-sign-out").routeId("console-sign-out").process(e -> {
            signIn.signOut(OperatorSignIn.cookie(e.getMessage().getHeader("Cookie", String.class)));
            e.getMessage().setHeader("Set-Cookie", OperatorSignIn.setCookie(null, 0, false));
            e.getMessage().setBody(null);
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        });
    }
}
