package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Operators sign in to the console with their Karaf user: a session cookie (HttpOnly, SameSite=Strict) stands for a key
 * with the scopes of their roles, every change needs the session's CSRF token, wrong passwords are limited, and the
 * console's own resources serve only a session.
 */
class ConsoleSessionIT {

    @Test
    void anOperatorSignsInAndCallsTheApiWithTheScopesOfTheirRolesAndTheCsrfToken() throws Exception {
        try (VafaServer server = VafaServer.fresh(getClass().getSimpleName())) {
            server.start();
            String key = server.apiKey();

            assertThat(server.post("/api/console/sign-in", null, "{\"user\": \"admin\", \"password\": \"wrong\"}").statusCode()).isEqualTo(401);
            HttpResponse<String> signedIn = server.post("/api/console/sign-in", null, "{\"user\": \"admin\", \"password\": \""
                    + server.adminPassword() + "\"}");
            assertThat(signedIn.statusCode()).isEqualTo(200);
            String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(setCookie).startsWith("vafa_console=vafao_").contains("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure");
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            JsonNode session = VafaServer.json(signedIn);
            assertThat(session.get("scopes").toString()).contains("admin");
            String csrf = session.get("csrfToken").asText();
            assertThat(signedIn.body()).doesNotContain(cookie.substring("vafa_console=".length())); // the token is only in the cookie

            // the cookie stands for a key: reads need nothing more, a change needs the CSRF token
            assertThat(server.get("/api/club/members?mobile=09120000000", null, "Cookie", cookie).statusCode()).isEqualTo(200);
            String sara = "{\"firstName\": \"سارا\", \"lastName\": \"احمدی\", \"mobile\": \"09121110000\"}";
            assertThat(server.post("/api/club/members", null, sara, "Cookie", cookie).statusCode()).as("no CSRF token").isEqualTo(403);
            assertThat(server.post("/api/club/members", null, sara, "Cookie", cookie, "X-CSRF-Token", "guess").statusCode()).isEqualTo(403);
            assertThat(VafaServer.json(server.get("/api/club/members?mobile=09121110000", key))).as("nothing changed").isEmpty();
            assertThat(server.post("/api/club/members", null, sara, "Cookie", cookie, "X-CSRF-Token", csrf).statusCode()).isEqualTo(201);
            assertThat(VafaServer.json(server.get("/api/console/me", null, "Cookie", cookie)).get("operator").asText()).isEqualTo("admin");
            assertThat(server.get("/api/console/me", key).statusCode()).as("an API key is no console session").isEqualTo(401);

            // a support expert (role support-expert) gets the CRM and nothing of the club
            server.shell("jaas:realm-manage --realm karaf; jaas:user-add mina Mina-Pass-2026; jaas:role-add mina support-expert; jaas:update");
            HttpResponse<String> mina = VafaServer.awaitValue("mina's sign-in", Duration.ofSeconds(20), () -> server.post(
                    "/api/console/sign-in", null, "{\"user\": \"mina\", \"password\": \"Mina-Pass-2026\"}"), r -> r.statusCode() == 200);
            String minaCookie = mina.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            assertThat(VafaServer.json(mina).get("scopes").toString()).isEqualTo("[\"crm\"]");
            assertThat(server.get("/api/crm/tickets", null, "Cookie", minaCookie).statusCode()).isEqualTo(200);
            assertThat(server.get("/api/club/members?mobile=09120000000", null, "Cookie", minaCookie).statusCode()).isEqualTo(403);

            // guessing is limited per user and address
            int last = 0;
            for (int i = 0; i < 6; i++) {
                last = server.post("/api/console/sign-in", null, "{\"user\": \"mina\", \"password\": \"guess-" + i + "\"}").statusCode();
            }
            assertThat(last).isEqualTo(429);

            // signing out ends the session
            assertThat(server.post("/api/console/sign-out", null, "", "Cookie", cookie, "X-CSRF-Token", csrf).statusCode()).isEqualTo(204);
            assertThat(server.get("/api/club/members?mobile=09120000000", null, "Cookie", cookie).statusCode()).isEqualTo(401);
        }
    }
}
