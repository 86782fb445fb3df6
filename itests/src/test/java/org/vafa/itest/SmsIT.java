package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vafa.sms.kavenegar.KavenegarApiServer;

/**
 * Texts to members on the built distribution, through the development gateway (the default): the
 * shipped routes (welcome, points of a sale), templates edited live, «لغو» opting out, and the active
 * gateway switched to one that is not installed and back under a stream of messages: none lost, none
 * doubled. {@link SmsPostgresIT} runs the same on PostgreSQL.
 */
class SmsIT {

    Map<String, String> serverEnv() throws Exception {
        return Map.of();
    }

    void cleanUp() throws Exception {
    }

    private static JsonNode box(VafaServer server, String key, String memberId) throws Exception {
        return VafaServer.json(server.get("/api/sms/messages?memberId=" + memberId, key));
    }

    private static void awaitOutboxEmpty(VafaServer server, String key, Duration timeout) throws InterruptedException {
        VafaServer.await("the outbox sent", timeout, () -> {
            try {
                JsonNode outbox = VafaServer.json(server.get("/api/sms/status", key)).get("outbox");
                return outbox.path("QUEUED").asLong(0) + outbox.path("SENDING").asLong(0) == 0;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static String register(VafaServer server, String key, String name, String mobile) throws Exception {
        HttpResponse<String> r = server.post("/api/club/members", key, "{\"firstName\": \"" + name + "\", \"lastName\": \"Test\","
                + " \"mobile\": \"" + mobile + "\", \"consents\": {\"sms\": true}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return VafaServer.json(r).get("id").asText();
    }

    @Test
    void membersAreTextedOnceFromRoutesWithLiveTemplatesOptOutsAndAGatewaySwitch() throws Exception {
        try (VafaServer server = VafaServer.fresh(getClass().getSimpleName(), serverEnv())) {
            server.start();
            String key = server.apiKey();
            Path outbox = server.home.resolve("data/sms/outbox.txt");
            String sara = register(server, key, "سارا", "09121234567");
            VafaServer.await("the welcome SMS", Duration.ofSeconds(20), () -> {
                try {
                    return box(server, key, sara).path(0).path("status").asText().equals("SENT");
                } catch (Exception e) {
                    return false;
                }
            });
            JsonNode welcome = box(server, key, sara).get(0);
            assertThat(welcome.get("body").asText()).startsWith("سارا عزیز، به باشگاه");
            assertThat(welcome.get("encoding").asText()).isEqualTo("UCS2");
            assertThat(Files.readString(outbox, StandardCharsets.UTF_8)).contains("+989121234567");

            // a template edited while the server runs; a broken one refused, the old one serving
            HttpResponse<String> broken = server.put("/api/sms/templates/welcome/fa", key, "{\"text\": \"${member.firstName\"}");
            assertThat(broken.statusCode()).isEqualTo(400);
            assertThat(VafaServer.json(broken).get("detail").asText()).contains("Line 1");
            assertThat(server.put("/api/sms/templates/welcome/fa", key,
                    "{\"text\": \"${member.firstName} جان، خوش آمدی!\"}").statusCode()).isEqualTo(200);
            String mina = register(server, key, "مینا", "09351112233");
            VafaServer.await("the new welcome", Duration.ofSeconds(20), () -> {
                try {
                    return box(server, key, mina).path(0).path("body").asText().equals("مینا جان، خوش آمدی!");
                } catch (Exception e) {
                    return false;
                }
            });

            // «لغو» from Mina's phone: no more texts to her but urgent ones
            HttpResponse<String> stop = server.post("/api/sms/inbound", key, "{\"from\": \"+989351112233\", \"text\": \"لغو\"}");
            assertThat(VafaServer.json(stop).get("optedOut").asBoolean()).isTrue();
            VafaServer.awaitValue("Mina's file shows the opt-out", Duration.ofSeconds(20),
                    () -> VafaServer.json(server.get("/api/club/members/" + mina, key)).at("/consents/sms").asBoolean(), sms -> !sms);

            // the gateway switched to one that is not installed, under a stream of messages, and back
            server.shell("config:property-set -p org.vafa.sms gateway kavenegar");
            VafaServer.await("the switch", Duration.ofSeconds(10), () -> {
                try {
                    return !VafaServer.json(server.get("/api/sms/status", key)).get("ready").asBoolean();
                } catch (Exception e) {
                    return false;
                }
            });
            for (int i = 0; i < 20; i++) {
                assertThat(server.post("/api/sms/messages", key, "{\"to\": \"0912000" + String.format("%04d", i) + "\", \"text\": \"n" + i
                        + "\"}").statusCode()).isEqualTo(201);
            }
            assertThat(VafaServer.json(server.get("/api/sms/status", key)).at("/outbox/QUEUED").asLong()).as("waiting").isEqualTo(20);
            server.shell("config:property-set -p org.vafa.sms gateway dev");
            awaitOutboxEmpty(server, key, Duration.ofSeconds(30));
            String written = Files.readString(outbox, StandardCharsets.UTF_8);
            for (int i = 0; i < 20; i++) {
                String to = "+98912000" + String.format("%04d", i);
                assertThat(written.split(java.util.regex.Pattern.quote(to), -1)).as("exactly once to " + to).hasSize(2);
            }
            assertThat(server.events("sms.*").stream().filter(e -> e.get("type").asText().equals("sms.sent")).count()).isEqualTo(22);
            assertThat(box(server, key, mina).get(0).get("status").asText()).isEqualTo("SENT");
            HttpResponse<String> badNumber = server.post("/api/sms/messages", key, "{\"to\": \"12\", \"text\": \"x\"}");
            assertThat(VafaServer.json(badNumber).get("field").asText()).isEqualTo("to");

            // the Kavenegar adapter, installed while the server runs and switched to under a stream of messages
            try (KavenegarApiServer kavenegar = new KavenegarApiServer("TEST-KEY-7F3A")) {
                Files.writeString(server.home.resolve("etc/org.vafa.sms.kavenegar.cfg"), "apiKey = " + kavenegar.key() + "\nbaseUrl = "
                        + kavenegar.baseUrl() + "\nsender = 10004346\nstatusPollSeconds = 1\n");
                server.shell("feature:install vafa-sms-kavenegar");
                VafaServer.await("the adapter installed", Duration.ofSeconds(30), () -> {
                    try {
                        return VafaServer.json(server.get("/api/sms/status", key)).get("installed").toString().contains("kavenegar");
                    } catch (Exception e) {
                        return false;
                    }
                });
                for (int i = 0; i < 40; i++) {
                    if (i == 20) {
                        server.shell("config:property-set -p org.vafa.sms gateway kavenegar");
                    }
                    assertThat(server.post("/api/sms/messages", key, "{\"to\": \"0912100" + String.format("%04d", i)
                            + "\", \"text\": \"پیام " + i + "\"}").statusCode()).isEqualTo(201);
                    Thread.sleep(50);
                }
                awaitOutboxEmpty(server, key, Duration.ofSeconds(40));
                String devFile = Files.readString(outbox, StandardCharsets.UTF_8);
                for (int i = 0; i < 40; i++) {
                    String to = "+98912100" + String.format("%04d", i);
                    long atDev = devFile.split(java.util.regex.Pattern.quote(to), -1).length - 1;
                    long atKavenegar = kavenegar.sent().stream().filter(f -> f.get("receptor").equals(to)).count();
                    assertThat(atDev + atKavenegar).as("exactly once to " + to).isEqualTo(1);
                }
                assertThat(kavenegar.sent()).as("the switch took effect").isNotEmpty()
                        .allSatisfy(f -> assertThat(f).containsEntry("sender", "10004346"));
                // the operator delivered the first of them: the status API says so, the message box shows it
                Map<String, String> first = kavenegar.sent().get(0);
                kavenegar.messageState(first.get("messageid"), 10);
                VafaServer.await("DELIVERED from Kavenegar's status", Duration.ofSeconds(20), () -> {
                    try {
                        return VafaServer.json(server.get("/api/sms/messages/" + first.get("localid"), key)).get("status").asText()
                                .equals("DELIVERED");
                    } catch (Exception e) {
                        return false;
                    }
                });

                // «لغو» sent to the Kavenegar line: the adapter fetches it from receive.json and the number is opted out
                kavenegar.inbound("09121009999", "لغو");
                VafaServer.await("the inbound text", Duration.ofSeconds(20), () -> {
                    try {
                        return VafaServer.json(server.get("/api/sms/messages?phone=09121009999", key)).path(0).path("direction").asText()
                                .equals("IN");
                    } catch (Exception e) {
                        return false;
                    }
                });

                // Kavenegar busy (409) for a while: the messages wait and go once it answers again
                kavenegar.answerWith(409);
                int before = kavenegar.sent().size();
                for (int i = 0; i < 5; i++) {
                    server.post("/api/sms/messages", key, "{\"to\": \"0912200" + String.format("%04d", i) + "\", \"text\": \"x\"}");
                }
                JsonNode waiting = VafaServer.awaitValue("the first refusal recorded", Duration.ofSeconds(20),
                        () -> VafaServer.json(server.get("/api/sms/messages?phone=09122000000", key)).get(0),
                        message -> message.path("reason").asText().contains("Kavenegar 409"));
                assertThat(waiting.get("status").asText()).as("waiting for the gateway, not parked").isIn("QUEUED", "SENDING");
                kavenegar.answerWith(200);
                awaitOutboxEmpty(server, key, Duration.ofSeconds(40));
                assertThat(kavenegar.sent().size() - before).as("each once, after the outage").isEqualTo(5);
            }
        } finally {
            cleanUp();
        }
    }
}
