package org.vafa.bench;

import static org.vafa.bench.BenchHttp.check;
import static org.vafa.bench.BenchHttp.ms;
import static org.vafa.bench.BenchHttp.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ticket filed → SMS handed to the gateway, at a steady rate against a running server with the development gateway:
 * the ticket's filing time (its answer's {@code filedAt}) to the outbox line's time (the gateway writes it as it
 * accepts the text), both the server's clock. Beside it, in the same run and at the same rate, the platform's raw
 * event dispatch: an event published over REST to a route that writes the time it got it to a file.
 * Then a customer timeline of {@code entries} entries (points earned through the club, each landing by the shipped
 * route): its first page read over HTTP, p50 and p99, beside the bare health endpoint on the same server.
 * Args: base-url api-key server-home tickets-per-second seconds [entries (10000)].
 */
public final class CrmTicketBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TICKET_NUMBER = Pattern.compile("(?:تیکت|Ticket) (\\d+)");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String key = args[1];
        Path home = Path.of(args[2]);
        int perSecond = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        Path pings = home.resolve("data/bench/pings.txt");
        String member = JSON.readTree(check(send(base, "POST", "/api/club/members", key,
                "{\"firstName\": \"Bench\", \"lastName\": \"Member\", \"mobile\": \"09120000001\"}"), 201)).get("id").asText();
        check(send(base, "POST", "/api/crm/staff", key, "{\"id\": \"bench-expert\", \"name\": \"Bench\", \"mobile\": \"09350000001\","
                + " \"categories\": [\"complaint\"]}"), 201);
        String route = """
                - route:
                    id: bench-ping
                    from:
                      uri: vafa-events:bench.ping
                      parameters:
                        subscription: bench-ping
                      steps:
                        - setBody:
                            simple: "${header.ce-id} ${date:now:yyyy-MM-dd'T'HH:mm:ss.SSSXXX}${sys.line.separator}"
                        - to: "file:%s?fileName=pings.txt&fileExist=Append"
                """.formatted(pings.getParent().toAbsolutePath());
        check(send(base, "PUT", "/api/admin/routes/bench-ping.camel.yaml", key, JSON.writeValueAsString(Map.of("content", route))), 200);

        Map<Long, Instant> filed = new HashMap<>();
        Map<String, Instant> published = new HashMap<>();
        long intervalNanos = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        int total = perSecond * seconds;
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            if (i % 2 == 0) {
                JsonNode ticket = JSON.readTree(check(send(base, "POST", "/api/crm/tickets", key, "{\"memberId\": \"" + member
                        + "\", \"category\": \"complaint\", \"subject\": \"bench " + i + "\", \"text\": \"bench\"}"), 201));
                filed.put(ticket.get("number").asLong(), Instant.parse(ticket.get("filedAt").asText()));
            } else {
                JsonNode event = JSON.readTree(check(send(base, "POST", "/api/admin/events", key,
                        "{\"type\": \"bench.ping\", \"subject\": \"bench\", \"data\": {\"n\": " + i + "}}"), 201));
                published.put(event.get("id").asText(), Instant.parse(event.get("time").asText()));
            }
        }
        Path outbox = home.resolve("data/sms/outbox.txt");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Long> smsNanos;
        List<Long> pingNanos;
        do {
            Thread.sleep(200);
            smsNanos = ticketLatencies(outbox, filed);
            pingNanos = pingLatencies(pings, published);
        } while ((smsNanos.size() < filed.size() || pingNanos.size() < published.size()) && System.nanoTime() < deadline);
        System.out.printf("rate: %d requests/s for %d s (%d tickets, %d events), %d cores%n", perSecond, seconds, filed.size(),
                published.size(), Runtime.getRuntime().availableProcessors());
        print("ticket filed -> SMS handed to the gateway", smsNanos, filed.size());
        print("raw event dispatch (publish -> route)   ", pingNanos, published.size());
        send(base, "DELETE", "/api/admin/routes/bench-ping.camel.yaml", key, null);
        timeline(base, key, member, args.length > 5 ? Integer.parseInt(args[5]) : 10_000);
    }

    /** Fills the member's timeline through the club and the shipped route, then reads its first page many times. */
    private static void timeline(String base, String key, String member, int entries) throws Exception {
        long fillStart = System.nanoTime();
        for (int i = 0; i < entries; i++) {
            check(send(base, "POST", "/api/club/members/" + member + "/points/earn", key, "{\"points\": 1, \"source\": \"bench:" + i
                    + "\"}"), 201);
        }
        String customer = JSON.readTree(check(send(base, "GET", "/api/crm/customers?memberId=" + member, key, null), 200)).get("id").asText();
        String first = "/api/crm/customers/" + customer + "/timeline?limit=50";
        String last = "bench:" + (entries - 1);
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (!check(send(base, "GET", first, key, null), 200).contains(last) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        int reads = 2000;
        long[] page = new long[reads];
        long[] health = new long[reads];
        for (int i = 0; i < reads; i++) {
            long t0 = System.nanoTime();
            check(send(base, "GET", first, key, null), 200);
            page[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            check(send(base, "GET", "/api/health", null, null), 200);
            health[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(page);
        java.util.Arrays.sort(health);
        System.out.printf("timeline of %d entries (filled through the club and the route in %.0f s)%n", entries, fillSeconds);
        System.out.printf("timeline first page (50 entries) over HTTP: p50 %.1f ms, p99 %.1f ms   (goal p99 <= 20 ms)%n", ms(page, 0.50),
                ms(page, 0.99));
        System.out.printf("bare GET /api/health on the same server:    p50 %.1f ms, p99 %.1f ms%n", ms(health, 0.50), ms(health, 0.99));
    }

    private static List<Long> ticketLatencies(Path outbox, Map<Long, Instant> filed) throws Exception {
        List<Long> out = new ArrayList<>();
        if (!Files.exists(outbox)) {
            return out;
        }
        for (String line : Files.readAllLines(outbox, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t", 7);
            Matcher m = fields.length == 7 ? TICKET_NUMBER.matcher(fields[6]) : null;
            if (m != null && m.find() && filed.containsKey(Long.parseLong(m.group(1)))) {
                out.add(Duration.between(filed.get(Long.parseLong(m.group(1))), Instant.parse(fields[0])).toNanos());
            }
        }
        return out;
    }

    private static List<Long> pingLatencies(Path pings, Map<String, Instant> published) throws Exception {
        List<Long> out = new ArrayList<>();
        if (!Files.exists(pings)) {
            return out;
        }
        for (String line : Files.readAllLines(pings, StandardCharsets.UTF_8)) {
            String[] fields = line.trim().split(" ");
            if (fields.length == 2 && published.containsKey(fields[0])) {
                out.add(Duration.between(published.get(fields[0]), OffsetDateTime.parse(fields[1]).toInstant()).toNanos());
            }
        }
        return out;
    }

    private static void print(String what, List<Long> nanos, int expected) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            System.out.printf("%s: none arrived of %d%n", what, expected);
            return;
        }
        System.out.printf("%s: %d of %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, sorted.length, expected, ms(sorted, 0.50),
                ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }
}
