package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built server tried as an attacker would: a till's key must reach nothing outside /api/pos whatever the
 * path looks like, templates must never run code, a huge body is refused before it is read, lookups are
 * limited, secrets at rest are owner-only and hashed, and the web server's own errors are problems.
 */
class SecurityIT {
    private static VafaServer server;
    private static String admin;
    private static String till;
    private static String memberId;

    @BeforeAll
    static void start() throws Exception {
        server = VafaServer.fresh("SecurityIT").expectErrors("Template .*welcome\\.fa\\.ftl rejected");
        server.start();
        admin = server.apiKey();
        assertThat(server.post("/api/pos/branches", admin, "{\"code\": \"t1\", \"name\": \"Tajrish\"}").statusCode()).isEqualTo(201);
        till = VafaServer.json(server.post("/api/pos/branches/t1/terminals", admin, "{\"name\": \"till-1\"}")).get("apiKey").asText();
        memberId = VafaServer.json(server.post("/api/club/members", admin, "{\"firstName\": \"Sara\", \"lastName\": \"Ahmadi\","
                + " \"mobile\": \"09121234567\", \"consents\": {\"sms\": true}}")).get("id").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** A request sent byte for byte as given (HTTP clients normalise paths; an attacker does not). */
    private static String raw(String method, String path, String key, String body) throws Exception {
        try (Socket socket = new Socket("localhost", 8181)) {
            socket.setSoTimeout(20_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String rawAnswer) {
        return Integer.parseInt(rawAnswer.substring(9, 12));
    }

    @Test
    void aTillKeyReachesNothingOutsidePosWhateverThePathLooksLike() throws Exception {
        long eventsBefore = server.events("it.forged").size();
        String earn = "{\"points\": 5000, \"source\": \"forged\"}";
        List<String> tricks = List.of("/api/pos/../club/members/" + memberId + "/points/earn", "/api/pos/%2e%2e/club/members/" + memberId
                + "/points/earn", "/api/pos/%2E%2E/club/members/" + memberId + "/points/earn", "/api/pos%2f..%2fclub/members/" + memberId
                + "/points/earn", "/api/pos//../club/members/" + memberId + "/points/earn", "/api/pos;x=1/../club/members/" + memberId
                + "/points/earn", "/api/POS/../club/members/" + memberId + "/points/earn", "/api/pos/./../club/members/" + memberId
                + "/points/earn", "/api/club./members/" + memberId + "/points/earn", "/API/club/members/" + memberId + "/points/earn",
                "/api/pos/..;/club/members/" + memberId + "/points/earn");
        for (String path : tricks) {
            String answer = raw("POST", path, till, earn);
            assertThat(status(answer)).as(path).isIn(400, 403, 404);
            assertThat(answer).as(path).contains("application/problem+json");
        }
        for (String path : List.of("/api/pos/../admin/events", "/api/pos/%2e%2e/admin/events", "/api/pos/..%2fadmin/events")) {
            assertThat(status(raw("POST", path, till, "{\"type\": \"it.forged\", \"subject\": \"x\"}"))).as(path).isIn(400, 403, 404);
        }
        assertThat(status(raw("POST", "/api/pos/../sms/messages", till, "{\"to\": \"09120000000\", \"text\": \"hi\"}"))).isIn(400, 403, 404);
        JsonNode points = VafaServer.json(server.get("/api/club/members/" + memberId + "/points", admin));
        assertThat(points.get("available").asLong()).as("no points were earned").isZero();
        assertThat(server.events("it.forged")).hasSize((int) eventsBefore);
        // and the till still works on its own path
        assertThat(server.get("/api/pos/lookup?memberId=" + memberId, till).statusCode()).isEqualTo(200);
    }

    @Test
    void templatesRenderDataAndNeverRunCommands() throws Exception {
        Path owned = server.home.resolve("owned-by-template");
        String attack = "{\"text\": \"<#assign x=\\\"freemarker.template.utility.Execute\\\"?new()>${x(\\\"touch " + owned + "\\\")}\"}";
        String smsKey = server.shell("vafa:apikey-create sms-desk sms").replaceAll("(?s).*(vafa_[A-Za-z0-9_-]+).*", "$1");
        assertThat(server.put("/api/sms/templates/welcome/fa", till, attack).statusCode()).isEqualTo(403);
        HttpResponse<String> bySms = server.put("/api/sms/templates/welcome/fa", smsKey, "{\"text\": \"سلام ${member.firstName}\"}");
        assertThat(bySms.statusCode()).as("editing templates needs admin").isEqualTo(403);
        HttpResponse<String> byAdmin = server.put("/api/sms/templates/welcome/fa", admin, attack);
        assertThat(byAdmin.statusCode()).isEqualTo(400);
        assertThat(VafaServer.json(byAdmin).get("field").asText()).isEqualTo("text");
        HttpResponse<String> unfillable = server.put("/api/sms/templates/welcome/fa", admin, "{\"text\": \"${membr.firstName}\"}");
        assertThat(unfillable.statusCode()).as("a template that cannot be filled").isEqualTo(400);

        assertThat(server.put("/api/sms/templates/welcome/fa", admin, "{\"text\": \"خوش آمدید ${member.firstName}\"}").statusCode())
                .isEqualTo(200);
        Path file = server.home.resolve("templates/sms/welcome.fa.ftl");
        Files.writeString(file, "<#assign x=\"freemarker.template.utility.Execute\"?new()>${x(\"touch " + owned + "\")}");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        String mina = VafaServer.json(server.post("/api/club/members", admin, "{\"firstName\": \"Mina\", \"lastName\": \"Karimi\","
                + " \"mobile\": \"09127654321\", \"consents\": {\"sms\": true}}")).get("id").asText();
        JsonNode messages = VafaServer.awaitValue("the welcome text", Duration.ofSeconds(30),
                () -> VafaServer.json(server.get("/api/sms/messages?memberId=" + mina, admin)), m -> m.size() > 0);
        assertThat(messages.get(0).get("body").asText()).isEqualTo("خوش آمدید Mina");
        assertThat(owned).doesNotExist();
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        try (Socket socket = new Socket("localhost", 8181)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/admin/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + admin
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "a".repeat(65_536).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 20; i++) { // 1.3 MB of a body that never ends
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while (!answer.toString(StandardCharsets.UTF_8).contains("}") && (n = in.read(buffer)) > 0) {
                answer.write(buffer, 0, n);
            }
            assertThat(answer.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 413").contains("application/problem+json");
        }
        // a declared length over the limit: refused on the headers, before a byte of the body (a client still sending it
        // may find the connection closed instead of reading the answer, so the body is not sent here)
        try (Socket socket = new Socket("localhost", 8181)) {
            socket.getOutputStream().write(("POST /api/admin/events HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization:"
                    + " Bearer " + admin + "\r\nContent-Type: application/json\r\nContent-Length: 2000015\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void aBodyThatIsNotUtf8IsRefusedNotRepaired() throws Exception {
        try (Socket socket = new Socket("localhost", 8181)) {
            byte[] body = "{\"type\": \"it.bytes\", \"subject\": \"x\", \"data\": {\"name\": \"??\"}}".getBytes(StandardCharsets.ISO_8859_1);
            body[body.length - 5] = (byte) 0xff; // not UTF-8
            body[body.length - 4] = (byte) 0xfe;
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/admin/events HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer " + admin
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(body);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(status(answer)).isEqualTo(400);
            assertThat(answer).contains("not valid UTF-8");
        }
        assertThat(server.events("it.bytes")).isEmpty();
    }

    @Test
    void memberLookupsByTillKeysAreLimited() throws Exception {
        int limited = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 200 && limited == 0; i++) {
            last = server.get("/api/pos/lookup?card=6037990000" + String.format("%06d", i), till);
            if (last.statusCode() == 429) {
                limited = i;
            }
            Thread.sleep(25); // at a till's pace: under the key's 50 requests a second, so only the lookup budget counts
        }
        assertThat(limited).as("lookups before the limit (120 a minute, refilled as they go)").isBetween(120, 160);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(VafaServer.json(last).get("detail").asText()).contains("look members up");
        assertThat(last.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(server.get("/api/pos/lookup?card=1", admin).statusCode()).as("the back office is not limited").isNotEqualTo(429);
    }

    @Test
    void secretsAtRestAreOwnerOnlyAndPasswordsAreBcryptHashes() throws Exception {
        for (String name : List.of("etc/users.properties", "etc/initial-credentials.txt", "etc/org.vafa.database.cfg",
                "etc/org.vafa.email.smtp.cfg")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.home.resolve(name)))).as(name).isEqualTo("rw-------");
        }
        assertThat(Files.readString(server.home.resolve("etc/users.properties"))).containsPattern("admin = \\{CRYPT\\}\\$2a\\$10\\$");
        assertThat(server.shell("vafa:routes")).as("ssh login with the generated password").contains("club-bonuses");
    }

    @Test
    void theWebServersOwnErrorsAreProblemsAndHealthSaysStartingUntilEveryPluginServes() throws Exception {
        HttpResponse<String> unknown = server.get("/api/nothing-here", admin);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        String badUri = raw("GET", "/api/%2e%2e/admin/events", admin, null);
        assertThat(status(badUri)).isEqualTo(400);
        assertThat(badUri).contains("application/problem+json").doesNotContain("<html");

        assertThat(server.healthBeforeUp).as("health answered while starting").isNotEmpty();
        for (HttpResponse<String> r : server.healthBeforeUp) {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("STARTING").doesNotContain("UP");
        }
        assertThat(server.areasAtFirstUp).as("every plugin's resources serve once health is UP")
                .containsExactlyInAnyOrderEntriesOf(Map.of("/api/club/members", 401, "/api/pos/lookup", 401,
                        "/api/sms/messages", 401, "/api/admin/events", 401));
    }
}
