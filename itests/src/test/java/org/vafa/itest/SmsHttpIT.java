package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The generic HTTP adapter on the built distribution against a local provider (JSON API, bearer token),
 * and quiet hours: an ordinary message waits for their end, an urgent one (a verification code) goes at once.
 */
class SmsHttpIT {

    @Test
    void anHttpProviderConfiguredLiveAndQuietHoursHoldOrdinaryMessages() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/v2/sms", exchange -> {
            boolean authorized = "Bearer t0k3n".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            if (authorized) {
                received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] answer = (authorized ? "{\"id\": \"p-" + received.size() + "\"}" : "{\"error\": \"unauthorized\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(authorized ? 202 : 401, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        provider.start();
        try (VafaServer server = VafaServer.fresh(getClass().getSimpleName())) {
            LocalTime now = LocalTime.now(ZoneId.of("Asia/Tehran"));
            DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
            server.config("org.vafa.sms", "gateway = http\nquietHours = " + now.minusHours(1).format(hhmm) + "-"
                    + now.plusHours(1).format(hhmm) + "\n");
            server.start();
            String key = server.apiKey();
            Files.writeString(server.home.resolve("etc/org.vafa.sms.http.cfg"), "url = http://127.0.0.1:" + provider.getAddress().getPort()
                    + "/v2/sms\nauthorization = Bearer t0k3n\nbody = {\"mobile\": \"{toLocal}\", \"message\": \"{text}\", \"ref\": \"{id}\"}\n"
                    + "idPointer = /id\n");
            server.shell("feature:install vafa-sms-http");
            VafaServer.await("the http gateway ready", Duration.ofSeconds(30), () -> {
                try {
                    return VafaServer.json(server.get("/api/sms/status", key)).get("ready").asBoolean();
                } catch (Exception e) {
                    return false;
                }
            });
            JsonNode ordinary = VafaServer.json(server.post("/api/sms/messages", key, "{\"to\": \"09121234567\", \"text\": \"سلام\"}"));
            JsonNode urgent = VafaServer.json(server.post("/api/sms/messages", key,
                    "{\"to\": \"09121234567\", \"text\": \"کد تایید: 4821\", \"type\": \"verification-code\"}"));
            VafaServer.await("the urgent one sent", Duration.ofSeconds(15), () -> received.size() == 1);
            assertThat(received.get(0)).isEqualTo("{\"mobile\": \"09121234567\", \"message\": \"کد تایید: 4821\", \"ref\": \""
                    + urgent.get("id").asText() + "\"}");
            JsonNode waiting = VafaServer.json(server.get("/api/sms/messages/" + ordinary.get("id").asText(), key));
            assertThat(waiting.get("status").asText()).isEqualTo("QUEUED");
            assertThat(waiting.get("reason").asText()).contains("quiet hours");
            // the provider has the request before the server has stored its answer: wait until it is recorded as sent
            JsonNode sent = VafaServer.awaitValue("the urgent one recorded as sent", Duration.ofSeconds(15),
                    () -> VafaServer.json(server.get("/api/sms/messages/" + urgent.get("id").asText(), key)),
                    message -> "SENT".equals(message.path("status").asText()));
            assertThat(sent.get("gatewayMessageId").asText()).isEqualTo("p-1");
        } finally {
            provider.stop(0);
        }
    }
}
