package org.vafa.sms.kavenegar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.vafa.sms.api.SmsGateway;

/**
 * Sends through Kavenegar's REST API: {@code POST {baseUrl}/v1/{apiKey}/sms/send.json} with the form
 * fields receptor, message, sender and localid (the outbox id, so Kavenegar can tell a repeat). The
 * answer's {@code return.status} says what happened: 200 accepted (the entry's {@code messageid} is kept
 * for delivery reports); 409 (server busy) and 451 (too many identical requests), a 5xx or no answer are
 * tried again later; so are account problems an operator fixes (401 disabled, 403 wrong key, 407 no
 * access, 416 IP not allowed, 418 credit used up); 411 (bad receptor), 412 (bad sender), 413 (message
 * empty or too long) and 422 (characters not allowed) are refused for good. Every minute (by default) it asks
 * {@code sms/status.json} about the messages it accepted and reports what the operators did with them
 * (10 delivered; 6, 11, 13, 14 failed, cancelled or blocked; the rest still on their way), and
 * {@code sms/receive.json} for texts sent to the line (unread ones; Kavenegar marks them read). After a
 * send that was cut off it asks {@code sms/statuslocalmessageid.json} whether Kavenegar has the localid.
 */
@Component(service = SmsGateway.class, property = "gateway=kavenegar", configurationPid = "org.vafa.sms.kavenegar",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = KavenegarConfig.class)
public class KavenegarGateway implements SmsGateway {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> NEVER = Set.of(411, 412, 413, 414, 422);

    private HttpClient http;
    private URI send;
    private String statusUrl;
    private String receiveUrl;
    private String localStatusUrl;
    @org.osgi.service.component.annotations.Reference
    private org.vafa.sms.api.SmsDeliveryReports reports;
    private java.util.concurrent.ScheduledExecutorService poller;
    private String sender;
    private Duration timeout;

    public KavenegarGateway() {
    }

    @Activate
    void activate(KavenegarConfig config) {
        if (config.apiKey() == null || config.apiKey().isBlank()) {
            throw new IllegalStateException("org.vafa.sms.kavenegar: apiKey is not set");
        }
        configure(config.baseUrl(), config.apiKey(), config.sender(), config.timeoutSeconds());
        poller = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vafa-kavenegar-status");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> {
            try {
                pollStatuses();
                pollInbound();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(KavenegarGateway.class).warn("Kavenegar status poll failed: {}", e.getClass().getSimpleName());
            }
        }, config.statusPollSeconds(), Math.max(1, config.statusPollSeconds()), java.util.concurrent.TimeUnit.SECONDS);
    }

    @org.osgi.service.component.annotations.Deactivate
    void deactivate() {
        poller.shutdownNow();
    }

    /** Outside OSGi (tests). */
    public KavenegarGateway(String baseUrl, String apiKey, String sender) {
        configure(baseUrl, apiKey, sender, 10);
    }

    /** Outside OSGi (tests), with where delivery reports go. */
    public KavenegarGateway(String baseUrl, String apiKey, String sender, org.vafa.sms.api.SmsDeliveryReports reports) {
        this(baseUrl, apiKey, sender);
        this.reports = reports;
    }

    private void configure(String baseUrl, String apiKey, String defaultSender, int timeoutSeconds) {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
        String base = baseUrl.replaceAll("/+$", "") + "/v1/" + URLEncoder.encode(apiKey.trim(), StandardCharsets.UTF_8) + "/sms/";
        send = URI.create(base + "send.json");
        statusUrl = base + "status.json";
        receiveUrl = base + "receive.json";
        localStatusUrl = base + "statuslocalmessageid.json";
        sender = defaultSender;
        timeout = Duration.ofSeconds(timeoutSeconds);
    }

    @Override
    public Result send(Outgoing m) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("receptor", m.to());
        form.put("message", m.text());
        String line = m.senderLine() != null ? m.senderLine() : sender;
        if (line != null && !line.isBlank()) {
            form.put("sender", line);
        }
        form.put("localid", m.id());
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(send).timeout(timeout)
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Result.retry("Kavenegar did not answer: " + e.getClass().getSimpleName()); // the URL holds the key: not in the reason
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.retry("interrupted");
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            return Result.retry("Kavenegar answered HTTP " + response.statusCode() + " without JSON");
        }
        int status = answer.path("return").path("status").asInt(response.statusCode());
        String message = answer.path("return").path("message").asText("");
        if (status == 200) {
            JsonNode entry = answer.path("entries").path(0);
            return Result.accepted(entry.path("messageid").asText(null));
        }
        String reason = "Kavenegar " + status + (message.isEmpty() ? "" : ": " + message);
        return NEVER.contains(status) ? Result.rejected(reason) : Result.retry(reason);
    }

    /**
     * Whether Kavenegar has a message sent with this localid (the outbox id): an entry with a messageid means
     * it took it; none, or status 100 (unknown id), means it never did. No answer: ask again later.
     */
    @Override
    public Recall recall(String outboxId) {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(localStatusUrl + "?localid=" + URLEncoder.encode(outboxId,
                    StandardCharsets.UTF_8))).timeout(timeout).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Recall.askLater("Kavenegar did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Recall.askLater("interrupted");
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            return Recall.askLater("Kavenegar answered HTTP " + response.statusCode() + " without JSON");
        }
        int status = answer.path("return").path("status").asInt(response.statusCode());
        if (status != 200) {
            return Recall.askLater("Kavenegar " + status);
        }
        for (JsonNode entry : answer.path("entries")) {
            if (outboxId.equals(entry.path("localid").asText()) && entry.path("messageid").asLong(0) > 0 && entry.path("status").asInt() != 100) {
                return Recall.sent(entry.path("messageid").asText());
            }
        }
        return Recall.notSent();
    }

    /** Asks about up to 500 accepted messages (the API takes a comma-separated list) and reports the final ones. */
    public int pollStatuses() {
        java.util.List<String> ids = reports.awaitingReport("kavenegar", 500);
        if (ids.isEmpty()) {
            return 0;
        }
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(statusUrl + "?messageid=" + String.join(",", ids))).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return 0; // asked again next time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        int reported = 0;
        try {
            for (JsonNode entry : JSON.readTree(response.body()).path("entries")) {
                int status = entry.path("status").asInt();
                String id = entry.path("messageid").asText();
                if (status == 10) {
                    reports.delivered("kavenegar", id, true, entry.path("statustext").asText("delivered"));
                    reported++;
                } else if (status == 6 || status == 11 || status == 13 || status == 14) {
                    reports.delivered("kavenegar", id, false, "Kavenegar status " + status + ": " + entry.path("statustext").asText(""));
                    reported++;
                }
            }
        } catch (IOException notJson) {
            return reported;
        }
        return reported;
    }

    /** Texts received on the line since the last call, reported to the SMS plugin (e.g. «لغو»). */
    public int pollInbound() {
        if (sender == null || sender.isBlank()) {
            return 0; // no line configured: nothing to ask about
        }
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(receiveUrl + "?linenumber=" + URLEncoder.encode(sender,
                    StandardCharsets.UTF_8) + "&isread=0")).timeout(timeout).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        int received = 0;
        try {
            for (JsonNode entry : JSON.readTree(response.body()).path("entries")) {
                reports.received("kavenegar", entry.path("sender").asText(), entry.path("message").asText());
                received++;
            }
        } catch (IOException notJson) {
            return received;
        }
        return received;
    }
}
