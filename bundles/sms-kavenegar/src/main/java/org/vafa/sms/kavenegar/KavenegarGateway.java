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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KavenegarGateway.class);
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

    /** One node polls Kavenegar for the cluster (each status and each inbound message read once). */
    @org.osgi.service.component.annotations.Reference
    private org.vafa.api.cluster.ClusterSingletons cluster;

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
                if (cluster != null && !cluster.leads("sms:kavenegar-poll")) {
                    return; // another node polls for the cluster
                }
                pollStatuses();
                pollInbound();
            } catch (RuntimeException e) {
                LOG.warn("Kavenegar status poll failed: {}", e.getClass().getSimpleName());
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
        Answer answer = call(HttpRequest.newBuilder(send).header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
        if (answer.ok()) {
            return Result.accepted(answer.json().path("entries").path(0).path("messageid").asText(null));
        }
        return answer.failure() == null && NEVER.contains(answer.status()) ? Result.rejected(answer.reason()) : Result.retry(answer.reason());
    }

    /**
     * Whether Kavenegar has a message sent with this localid (the outbox id): an entry with a messageid means
     * it took it; none, or status 100 (unknown id), means it never did. No answer: ask again later.
     */
    @Override
    public Recall recall(String outboxId) {
        Answer answer = call(HttpRequest.newBuilder(URI.create(localStatusUrl + "?localid=" + URLEncoder.encode(outboxId,
                StandardCharsets.UTF_8))).GET());
        if (!answer.ok()) {
            return Recall.askLater(answer.reason());
        }
        for (JsonNode entry : answer.json().path("entries")) {
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
        Answer answer = call(HttpRequest.newBuilder(URI.create(statusUrl + "?messageid=" + String.join(",", ids))).GET());
        if (!answer.ok()) {
            return 0; // asked again next time
        }
        int reported = 0;
        for (JsonNode entry : answer.json().path("entries")) {
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
        return reported;
    }

    /** Texts received on the line since the last call, reported to the SMS plugin (e.g. «لغو»). */
    public int pollInbound() {
        if (sender == null || sender.isBlank()) {
            return 0; // no line configured: nothing to ask about
        }
        Answer answer = call(HttpRequest.newBuilder(URI.create(receiveUrl + "?linenumber=" + URLEncoder.encode(sender, StandardCharsets.UTF_8)
                + "&isread=0")).GET());
        if (!answer.ok()) {
            return 0;
        }
        int received = 0;
        for (JsonNode entry : answer.json().path("entries")) {
            // Kavenegar marks what it answered as read: one text that cannot be taken must not lose the ones after it
            try {
                reports.received("kavenegar", entry.path("sender").asText(), entry.path("message").asText());
                received++;
            } catch (RuntimeException e) {
                LOG.warn("A text to line {} from '{}' was not taken: {}", sender, entry.path("sender").asText(), e.getMessage());
            }
        }
        return received;
    }

    /** Kavenegar's answer: its {@code return.status} (else the HTTP status) and JSON, or why there is none. */
    private record Answer(int status, String message, JsonNode json, String failure) {
        boolean ok() {
            return failure == null && status == 200;
        }

        /** For the outbox's reason: the request URL holds the API key, so it never appears here. */
        String reason() {
            return failure != null ? failure : "Kavenegar " + status + (message.isEmpty() ? "" : ": " + message);
        }
    }

    private Answer call(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(timeout).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Answer(0, "", null, "Kavenegar did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "", null, "interrupted");
        }
        try {
            JsonNode json = JSON.readTree(response.body());
            return new Answer(json.path("return").path("status").asInt(response.statusCode()), json.path("return").path("message").asText(""),
                    json, null);
        } catch (IOException e) {
            return new Answer(response.statusCode(), "", null, "Kavenegar answered HTTP " + response.statusCode() + " without JSON");
        }
    }
}
