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
 * The console in a real browser (Debian's chromium driven by playwright-core: itests/browser/console.mjs says what is
 * checked), against the built distribution. Screenshots are kept in target/screenshots.
 */
class ConsoleBrowserIT {

    @Test
    void anOperatorSignsInAndFindsAMemberByPartOfAPersianNameAndMarkupInANameIsText() throws Exception {
        try (VafaServer server = VafaServer.fresh(getClass().getSimpleName())) {
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

            Path browser = Path.of(System.getProperty("vafa.browser", "browser"));
            Path shots = Path.of("target", "screenshots").toAbsolutePath();
            Files.createDirectories(shots);
            Path output = shots.resolve("console.log");
            ProcessBuilder node = new ProcessBuilder("node", "console.mjs").directory(browser.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            node.environment().put("BASE", "http://localhost:8181");
            node.environment().put("USER_NAME", "admin");
            node.environment().put("PASSWORD", server.adminPassword());
            node.environment().put("SCREENSHOTS", shots.toString());
            Process run = node.start();
            assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("the browser run ends").isTrue();
            String said = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(run.exitValue()).as(said).isZero();
            assertThat(said).contains("all checks passed");
            assertThat(shots.resolve("console-members.png")).exists();
            // what the operator did in the browser is in the club, under the operator's name
            JsonNode adjust = java.util.stream.StreamSupport.stream(VafaServer.json(server.get("/api/club/members/" + id + "/points/history",
                    key)).spliterator(), false).filter(h -> h.get("kind").asText().equals("ADJUST")).findFirst().orElseThrow();
            assertThat(adjust.get("points").asLong()).isEqualTo(50);
            assertThat(adjust.get("reason").asText()).isEqualTo("جبران تأخیر ارسال");
            assertThat(adjust.get("operator").asText()).isEqualTo("operator:admin");
            JsonNode tier = VafaServer.json(server.get("/api/club/members/" + id + "/tier", key));
            assertThat(tier.get("tier").asText()).isEqualTo("gold");
            assertThat(tier.get("manual").asBoolean()).isTrue();
        }
    }
}
