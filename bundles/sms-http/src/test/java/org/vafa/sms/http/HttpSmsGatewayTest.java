package org.vafa.sms.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.lang.annotation.Annotation;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vafa.sms.api.SmsGateway;

/** The generic adapter against a local HTTP provider with a bearer token and a JSON API. */
class HttpSmsGatewayTest {
    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(201);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/messages", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean authorized = "Bearer t0ken".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            int code = authorized ? status.get() : 401;
            if (authorized) {
                bodies.add(body);
            }
            byte[] answer = (code == 201 ? "{\"data\": {\"messageId\": \"abc-" + bodies.size() + "\"}}" : "{\"error\": \"nope\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpSmsConfig config(String token) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/messages";
        return new HttpSmsConfig() {
            public Class<? extends Annotation> annotationType() { return HttpSmsConfig.class; }
            public String url() { return url; }
            public String method() { return "POST"; }
            public String bodyType() { return "json"; }
            public String body() { return "{\"to\": \"{toLocal}\", \"text\": \"{text}\", \"from\": \"{sender}\", \"ref\": \"{id}\"}"; }
            public String authorization() { return token; }
            public String sender() { return "3000"; }
            public String idPointer() { return "/data/messageId"; }
            public String retryStatuses() { return "429"; }
            public int timeoutSeconds() { return 5; }
        };
    }

    private static SmsGateway.Outgoing message() {
        return new SmsGateway.Outgoing("m-1", "+989121234567", "سلام \"مینا\"\nخوش آمدی", null, true, 1);
    }

    @Test
    void theConfiguredRequestGoesOutAndTheProvidersIdIsKept() {
        SmsGateway.Result result = new HttpSmsGateway(config("Bearer t0ken")).send(message());
        assertThat(result.outcome()).isEqualTo(SmsGateway.Outcome.ACCEPTED);
        assertThat(result.gatewayMessageId()).isEqualTo("abc-1");
        assertThat(bodies.get(0)).isEqualTo("{\"to\": \"09121234567\", \"text\": \"سلام \\\"مینا\\\"\\nخوش آمدی\", \"from\": \"3000\","
                + " \"ref\": \"m-1\"}");
    }

    @Test
    void aTextThatContainsPlaceholdersGoesOutAsWritten() {
        new HttpSmsGateway(config("Bearer t0ken")).send(new SmsGateway.Outgoing("m-2", "+989121234567", "send {to} and {sender} {id}",
                null, true, 1));
        assertThat(bodies.get(0)).isEqualTo("{\"to\": \"09121234567\", \"text\": \"send {to} and {sender} {id}\", \"from\": \"3000\","
                + " \"ref\": \"m-2\"}");
    }

    @Test
    void throttlingAndServerErrorsAreRetriedOtherRefusalsAreFinal() {
        HttpSmsGateway gateway = new HttpSmsGateway(config("Bearer t0ken"));
        status.set(429);
        assertThat(gateway.send(message()).outcome()).isEqualTo(SmsGateway.Outcome.RETRY);
        status.set(503);
        assertThat(gateway.send(message()).outcome()).isEqualTo(SmsGateway.Outcome.RETRY);
        status.set(422);
        SmsGateway.Result refused = gateway.send(message());
        assertThat(refused.outcome()).isEqualTo(SmsGateway.Outcome.REJECTED);
        assertThat(refused.detail()).isEqualTo("HTTP 422: {\"error\": \"nope\"}");
        SmsGateway.Result unauthorized = new HttpSmsGateway(config("Bearer wrong")).send(message());
        assertThat(unauthorized.detail()).startsWith("HTTP 401").doesNotContain("wrong");
    }
}
