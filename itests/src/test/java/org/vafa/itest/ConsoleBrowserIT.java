package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The console and the member panel in a real browser (Debian's chromium driven by playwright-core: itests/browser/
 * console.mjs and service.mjs say what is checked), against the built distribution, one server for both. What the
 * browser did is then checked again through the API and the SMS outbox. Screenshots are kept in target/screenshots.
 */
class ConsoleBrowserIT {

    @Test
    void operatorsAndMembersUseTheClubInTheBrowser() throws Exception {
        try (VafaServer server = VafaServer.fresh(getClass().getSimpleName())
                .expectErrors("Route file crm-ticket-sms\\.camel\\.yaml rejected, does not start")) {
            server.start();
            String key = server.apiKey();
            String rules = Files.readString(Path.of(System.getProperty("vafa.rules"), "iranian-shop.json"));
            assertThat(server.put("/api/club/rules", key, rules).statusCode()).isEqualTo(200);
            HttpResponse<String> setareh = server.post("/api/club/members", key, "{\"firstName\": \"ستاره\", \"lastName\": \"کریمی\","
                    + " \"mobile\": \"09121112233\"}");
            assertThat(setareh.statusCode()).isEqualTo(201);
            String id = VafaServer.json(setareh).get("id").asText();
            assertThat(server.post("/api/club/members", key, "{\"firstName\": \"<img src=x onerror=alert(1)>\", \"lastName\": \"آزمون\","
                    + " \"mobile\": \"09121112244\"}").statusCode()).isEqualTo(201);

            // a sale at a branch's register, for the dashboard (a register's key sees no branch's figures)
            assertThat(server.post("/api/pos/branches", key, "{\"code\": \"tehran-1\", \"name\": \"ونک\"}").statusCode()).isEqualTo(201);
            String till = VafaServer.json(server.post("/api/pos/branches/tehran-1/terminals", key, "{\"name\": \"till-1\"}"))
                    .get("apiKey").asText();
            assertThat(server.post("/api/pos/sales", till, "{\"receipt\": \"r-1\", \"card\": \"" + VafaServer.json(setareh).at("/cards/0")
                    .asText() + "\", \"currency\": \"IRR\", \"lines\": [{\"sku\": \"rice\", \"category\": \"grocery\", \"quantity\": 1,"
                    + " \"unitPrice\": 2350000}]}").statusCode()).isEqualTo(201);
            assertThat(server.get("/api/pos/branches/sales", till).statusCode()).isEqualTo(403);
            JsonNode sales = VafaServer.json(server.get("/api/pos/branches/sales?days=7", key)).get(0);
            assertThat(sales.get("branch").asText()).isEqualTo("tehran-1");
            assertThat(sales.get("sales").asLong()).isEqualTo(1);
            assertThat(sales.get("memberSales").asLong()).isEqualTo(1);
            assertThat(sales.get("total").decimalValue()).isEqualByComparingTo("2350000");
            assertThat(server.get("/api/pos/branches/sales?days=0", key).statusCode()).isEqualTo(400);
            // a task about her and a survey, for the service screen
            String task = VafaServer.json(server.post("/api/crm/tasks", key, "{\"title\": \"تماس با ستاره\", \"memberId\": \"" + id
                    + "\"}")).get("id").asText();
            assertThat(server.post("/api/crm/surveys", key, "{\"id\": \"after-sale\", \"title\": \"رضایت از خرید\", \"questions\": [{\"id\":"
                    + " \"stars\", \"kind\": \"scale\", \"text\": \"چند ستاره؟\"}]}").statusCode()).isEqualTo(201);
            // the expert who answers warranty tickets
            assertThat(server.post("/api/crm/staff", key, "{\"id\": \"mina\", \"name\": \"مینا\", \"mobile\": \"09351114455\","
                    + " \"categories\": [\"warranty\"]}").statusCode()).isEqualTo(201);

            browser(server, "console.mjs");
            assertThat(SHOTS.resolve("console-members.png")).exists();
            // what the operator did in the browser is in the club, under the operator's name
            JsonNode adjust = java.util.stream.StreamSupport.stream(VafaServer.json(server.get("/api/club/members/" + id + "/points/history",
                    key)).spliterator(), false).filter(h -> h.get("kind").asText().equals("ADJUST")).findFirst().orElseThrow();
            assertThat(adjust.get("points").asLong()).isEqualTo(50);
            assertThat(adjust.get("reason").asText()).isEqualTo("جبران تأخیر ارسال");
            assertThat(adjust.get("operator").asText()).isEqualTo("operator:admin");
            JsonNode tier = VafaServer.json(server.get("/api/club/members/" + id + "/tier", key));
            assertThat(tier.get("tier").asText()).isEqualTo("gold");
            assertThat(tier.get("manual").asBoolean()).isTrue();

            browser(server, "service.mjs");
            // the broken edit changed nothing: the plugin's file is in force and its route texted the expert about her ticket
            JsonNode ticket = VafaServer.json(server.get("/api/crm/tickets?status=resolved", key)).get(0);
            assertThat(ticket.get("subject").asText()).isEqualTo("کتری برقی");
            // escalated by hand from the console (the reply that followed acknowledged it, which starts the chain again)
            JsonNode escalated = VafaServer.json(server.get("/api/admin/events?type=crm.ticket.escalated", key));
            assertThat(escalated).hasSize(1);
            assertThat(escalated.get(0).at("/data/escalatedBy").asText()).isEqualTo("operator:admin");
            assertThat(escalated.get(0).at("/data/level").asInt()).isEqualTo(1);
            assertThat(server.post("/api/crm/tickets/" + ticket.get("id").asText() + "/escalate", key, "{}").statusCode())
                    .as("a resolved ticket is not escalated").isEqualTo(409);
            Path outbox = server.home.resolve("data/sms/outbox.txt");
            String filedText = "تیکت " + ticket.get("number").asText();
            VafaServer.awaitValue("the expert texted about her ticket", java.time.Duration.ofSeconds(20),
                    () -> Files.readString(outbox), o -> o.lines().anyMatch(l -> l.contains("\t+989351114455\t") && l.contains(filedText)));
            JsonNode file = java.util.stream.StreamSupport.stream(VafaServer.json(server.get("/api/admin/routes", key)).spliterator(), false)
                    .filter(f -> f.get("file").asText().equals("crm-ticket-sms.camel.yaml")).findFirst().orElseThrow();
            assertThat(file.get("status").asText()).as("the operator's edit is kept, marked rejected").isEqualTo("REJECTED");
            assertThat(file.get("error").asText()).contains("nosuchthing");
            assertThat(file.get("routes").findValuesAsText("state")).containsOnly("Started");
            // the operator's reply reached her by SMS, and her rating is recorded
            VafaServer.awaitValue("her notice of the reply", java.time.Duration.ofSeconds(20), () -> Files.readString(outbox),
                    o -> o.lines().anyMatch(l -> l.contains("\t+989121112233\t") && l.contains(ticket.get("number").asText())));
            JsonNode done = VafaServer.json(server.get("/api/crm/tasks/" + task, key));
            assertThat(done.get("status").asText()).isEqualTo("done");
            assertThat(done.get("outcome").asText()).isEqualTo("done");
            JsonNode report = VafaServer.json(server.get("/api/crm/reports/tickets", key));
            JsonNode mina = report.get("byExpert").get(0);
            assertThat(mina.get("key").asText()).isEqualTo("mina");
            assertThat(mina.get("ratedGood").asLong()).isEqualTo(1);
            assertThat(mina.get("resolved").asLong()).isEqualTo(1);
        }
    }

    private static final Path SHOTS = Path.of("target", "screenshots").toAbsolutePath();

    /** Runs a browser script in itests/browser against the server; it fails the test, saying why, if a check fails. */
    private static void browser(VafaServer server, String script) throws Exception {
        Files.createDirectories(SHOTS);
        Path output = SHOTS.resolve(script.replace(".mjs", ".log"));
        ProcessBuilder node = new ProcessBuilder("node", script).directory(Path.of(System.getProperty("vafa.browser", "browser")).toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        node.environment().put("BASE", "http://localhost:8181");
        node.environment().put("USER_NAME", "admin");
        node.environment().put("PASSWORD", server.adminPassword());
        node.environment().put("SCREENSHOTS", SHOTS.toString());
        node.environment().put("OUTBOX", server.home.resolve("data/sms/outbox.txt").toString());
        node.environment().put("MOBILE", "09121112233");
        Process run = node.start();
        assertThat(run.waitFor(180, TimeUnit.SECONDS)).as("the browser run ends").isTrue();
        String said = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(said); // the figures (first load, accessibility rules) in the build's log
        assertThat(run.exitValue()).as(said).isZero();
        assertThat(said).contains("all checks passed");
    }
}
