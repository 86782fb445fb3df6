package org.vafa.sms.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.vafa.sms.api.SmsGateway;

/**
 * Any HTTP SMS provider, described by configuration ({@link HttpSmsConfig}): a 2xx answer is accepted
 * (with the provider's id read by a JSON pointer), no answer, a 5xx or a configured status (429 ...) is
 * tried again, any other 4xx refuses the message for good with the provider's answer as the reason.
 */
@Component(service = SmsGateway.class, property = "gateway=http", configurationPid = "org.vafa.sms.http",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = HttpSmsConfig.class)
public class HttpSmsGateway implements SmsGateway {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpSmsConfig config;
    private HttpClient http;
    private Set<Integer> retry;

    public HttpSmsGateway() {
    }

    /** Also outside OSGi (tests). */
    public HttpSmsGateway(HttpSmsConfig config) {
        activate(config);
    }

    @Activate
    void activate(HttpSmsConfig config) {
        if (config.url() == null || config.url().isBlank()) {
            throw new IllegalStateException("org.vafa.sms.http: url is required");
        }
        this.config = config;
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(config.timeoutSeconds())).build();
        retry = Arrays.stream(config.retryStatuses().split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf)
                .collect(Collectors.toSet());
    }

    @Override
    public Result send(Outgoing m) {
        String sender = m.senderLine() != null ? m.senderLine() : config.sender();
        Map<String, String> values = Map.of("to", m.to(), "toDigits", m.to().replace("+", ""),
                "toLocal", m.to().startsWith("+98") ? "0" + m.to().substring(3) : m.to(), "text", m.text(),
                "sender", sender == null ? "" : sender, "id", m.id());
        boolean json = "json".equalsIgnoreCase(config.bodyType());
        URI uri = URI.create(fill(config.url(), values, v -> URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(config.timeoutSeconds()))
                .header("Accept", "application/json");
        if (!config.authorization().isBlank()) {
            request.header("Authorization", config.authorization());
        }
        if ("GET".equalsIgnoreCase(config.method())) {
            request.GET();
        } else {
            String body = fill(config.body(), values, json ? v -> new String(JsonStringEncoder.getInstance().quoteAsString(v))
                    : v -> URLEncoder.encode(v, StandardCharsets.UTF_8));
            request.header("Content-Type", json ? "application/json; charset=utf-8" : "application/x-www-form-urlencoded; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Result.retry("the provider did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.retry("interrupted");
        }
        int status = response.statusCode();
        String answer = response.body() == null ? "" : response.body();
        if (status / 100 == 2) {
            String id = null;
            if (!config.idPointer().isBlank()) {
                try {
                    JsonNode node = JSON.readTree(answer).at(config.idPointer());
                    id = node.isMissingNode() || node.isNull() ? null : node.asText();
                } catch (IOException notJson) {
                    id = null;
                }
            }
            return Result.accepted(id);
        }
        String reason = "HTTP " + status + (answer.isBlank() ? "" : ": " + (answer.length() > 200 ? answer.substring(0, 200) : answer));
        return status >= 500 || retry.contains(status) ? Result.retry(reason) : Result.rejected(reason);
    }

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{([A-Za-z]+)}");

    /**
     * The template with each placeholder replaced in one pass over the template: a value is never read
     * again, so a text that contains {@code {to}} or {@code {sender}} goes out as it was written.
     */
    static String fill(String template, Map<String, String> values, UnaryOperator<String> encode) {
        java.util.regex.Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value == null ? m.group() : encode.apply(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
