package org.vafa.core.members;

import static org.vafa.api.rest.RestJson.answer;
import static org.vafa.api.rest.RestJson.jsonBody;

import java.util.Set;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.RestJson;

/**
 * A member's sign-in under {@code /api/me}: ask for a code by SMS, exchange it for a session token, sign out. The two
 * sign-in resources need no key; everything else under {@code /api/me} needs the token.
 */
@Component(service = RoutesBuilder.class)
public class MemberSignInRestRoutes extends RouteBuilder {
    private static final String JSON = "application/json";

    private final MemberSignIn signIn;

    /** The body of both sign-in steps. */
    public record SignInRequest(String mobile, String code) {
    }

    @Activate
    public MemberSignInRestRoutes(@Reference MemberSignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    public void configure() {
        rest("/me").description("The signed-in member (sign in with a one-time code sent by SMS)")
                .post("/sign-in").id("api-me-sign-in").consumes(JSON).produces(JSON).type(SignInRequest.class)
                .outType(MemberSignIn.CodeSent.class)
                .description("{mobile}: if the number is a member's, a 6-digit code is texted (valid codeSeconds); the answer is 202"
                        + " either way. Resending waits resendSeconds; a number gets codesPerHour codes an hour (429 with Retry-After)")
                .to("direct:me-sign-in")
                .post("/sign-in/verify").id("api-me-sign-in-verify").consumes(JSON).produces(JSON).type(SignInRequest.class)
                .outType(MemberSignIn.Session.class)
                .description("{mobile, code}: the member's session {token, memberId, expiresAt}; send Authorization: Bearer <token>"
                        + " to /api/me/... A wrong code is 401 (naming code, with the attempts left); after the last attempt the code"
                        + " is void (429); an expired or used code is 401")
                .to("direct:me-sign-in-verify")
                .delete("/session").id("api-me-sign-out").description("Signs out: the token is no longer accepted (204)")
                .to("direct:me-sign-out");

        from("direct:me-sign-in").routeId("me-sign-in").process(e -> {
            Fields f = new Fields(jsonBody(e), Set.of("mobile"));
            answer(e, 202, RestJson.MAPPER.valueToTree(signIn.requestCode(f.text("mobile", true, 40),
                    e.getMessage().getHeader(MemberSignIn.CLIENT_ADDRESS, String.class))));
        });
        from("direct:me-sign-in-verify").routeId("me-sign-in-verify").process(e -> {
            Fields f = new Fields(jsonBody(e), Set.of("mobile", "code"));
            answer(e, 200, RestJson.MAPPER.valueToTree(signIn.verify(f.text("mobile", true, 40), f.text("code", true, 20))));
        });
        from("direct:me-sign-out").routeId("me-sign-out").process(e -> {
            signIn.signOut(e.getMessage().getHeader(MemberSignIn.SESSION_HASH, String.class));
            e.getMessage().setBody(null);
            e.getMessage().setHeader(org.apache.camel.Exchange.HTTP_RESPONSE_CODE, 204);
        });
    }
}
