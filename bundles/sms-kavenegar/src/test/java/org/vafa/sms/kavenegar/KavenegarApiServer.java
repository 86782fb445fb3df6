package org.vafa.sms.kavenegar;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local HTTP server that answers as Kavenegar's documented REST API does (kavenegar.com/rest.html):
 * {@code POST /v1/{API-KEY}/sms/send.json} with form fields, answering the {@code return}/{@code entries}
 * JSON; a wrong key is a 403, a wrong method 405. {@link #answerWith} makes it answer another status
 * (e.g. 409 busy, 411 bad receptor, 418 no credit) as the API would. For the adapter's tests and the
 * integration tests on the distribution.
 */
public final class KavenegarApiServer implements AutoCloseable {
    private final HttpServer server;
    private final String key;
    private final List<Map<String, String>> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicLong ids = new AtomicLong(8_792_343);
    private final Map<String, Integer> states = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String[]> inbox = new CopyOnWriteArrayList<>();

    public KavenegarApiServer(String key) throws IOException {
        this.key = key;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            int code;
            String json;
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/v1/" + key + "/sms/receive.json")) {
                // GET ?linenumber=...&isread=0: the unread texts to the line, then they are read
                StringBuilder entries = new StringBuilder();
                List<String[]> unread = new java.util.ArrayList<>(inbox);
                inbox.removeAll(unread);
                for (String[] text : unread) {
                    entries.append(entries.isEmpty() ? "" : ",").append("{\"messageid\": ").append(ids.incrementAndGet())
                            .append(", \"message\": \"").append(text[1]).append("\", \"sender\": \"").append(text[0])
                            .append("\", \"receptor\": \"").append(exchange.getRequestURI().getQuery().replaceAll(".*linenumber=([^&]*).*", "$1"))
                            .append("\", \"date\": ").append(System.currentTimeMillis() / 1000).append("}");
                }
                code = 200;
                json = "{\"return\": {\"status\": 200, \"message\": \"تایید شد\"}, \"entries\": [" + entries + "]}";
            } else if (path.equals("/v1/" + key + "/sms/status.json")) {
                // GET ?messageid=1,2,3: each message's state (10 delivered, 1 queued, ...)
                StringBuilder entries = new StringBuilder();
                for (String id : exchange.getRequestURI().getQuery().replace("messageid=", "").split(",")) {
                    int state = states.getOrDefault(id, 1);
                    entries.append(entries.isEmpty() ? "" : ",").append("{\"messageid\": ").append(id).append(", \"status\": ")
                            .append(state).append(", \"statustext\": \"").append(state == 10 ? "رسیده به گیرنده" : "در صف ارسال")
                            .append("\"}");
                }
                code = 200;
                json = "{\"return\": {\"status\": 200, \"message\": \"تایید شد\"}, \"entries\": [" + entries + "]}";
            } else if (path.equals("/v1/" + key + "/sms/statuslocalmessageid.json")) {
                // GET ?localid=a,b: the message sent under each local id, or status 100 (unknown id)
                StringBuilder entries = new StringBuilder();
                for (String localId : URLDecoder.decode(exchange.getRequestURI().getRawQuery().replace("localid=", ""), StandardCharsets.UTF_8)
                        .split(",")) {
                    Map<String, String> form = sent.stream().filter(f -> localId.equals(f.get("localid"))).findFirst().orElse(null);
                    int state = form == null ? 100 : states.getOrDefault(form.get("messageid"), 1);
                    entries.append(entries.isEmpty() ? "" : ",").append("{\"messageid\": ").append(form == null ? "0" : form.get("messageid"))
                            .append(", \"localid\": \"").append(localId).append("\", \"status\": ").append(state)
                            .append(", \"statustext\": \"").append(form == null ? "شناسه پیامک نامعتبر است" : "در صف ارسال").append("\"}");
                }
                code = 200;
                json = "{\"return\": {\"status\": 200, \"message\": \"تایید شد\"}, \"entries\": [" + entries + "]}";
            } else if (!path.equals("/v1/" + key + "/sms/send.json")) {
                code = 403;
                json = error(403, "کد شناسائی API-Key معتبر نمی‌باشد");
            } else if (!"POST".equals(exchange.getRequestMethod()) || type == null || !type.startsWith("application/x-www-form-urlencoded")) {
                code = 405;
                json = error(405, "متد Get/Post اشتباه است");
            } else if (status.get() != 200) {
                code = status.get();
                json = error(code, "خطا");
            } else {
                Map<String, String> form = new HashMap<>();
                for (String pair : body.split("&")) {
                    String[] kv = pair.split("=", 2);
                    form.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
                long id = ids.incrementAndGet();
                form.put("messageid", String.valueOf(id));
                sent.add(form);
                code = 200;
                json = "{\"return\": {\"status\": 200, \"message\": \"تایید شد\"}, \"entries\": [{\"messageid\": " + id
                        + ", \"message\": \"\", \"status\": 1, \"statustext\": \"در صف ارسال\", \"sender\": \"" + form.getOrDefault("sender", "")
                        + "\", \"receptor\": \"" + form.get("receptor") + "\", \"date\": " + System.currentTimeMillis() / 1000 + ", \"cost\": 120}]}";
            }
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(code, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    private static String error(int code, String message) {
        return "{\"return\": {\"status\": " + code + ", \"message\": \"" + message + "\"}, \"entries\": null}";
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String key() {
        return key;
    }

    /** The form of every message it accepted (receptor, message, sender, localid, and the messageid it gave). */
    public List<Map<String, String>> sent() {
        return sent;
    }

    /** A text a phone sent to the account's line; receive.json hands it out once. */
    public void inbound(String from, String text) {
        inbox.add(new String[] {from, text});
    }

    /** What status.json says of a message from now on (10: delivered, 11: undeliverable, ...). */
    public void messageState(String messageId, int state) {
        states.put(messageId, state);
    }

    /** From now on answer with this API status (200: accept again). */
    public void answerWith(int apiStatus) {
        status.set(apiStatus);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
