package org.vafa.itest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/**
 * One Vafa server from the built distribution, driven the way an operator and a client would:
 * {@code bin/karaf server}, {@code bin/stop}, kill -9, REST over HTTP, files in routes/ and deploy/,
 * and the vafa: shell over ssh with the admin password the first start wrote.
 */
final class VafaServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient PLAIN = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpClient http = PLAIN;
    /** REST port (8181 and ssh 8101 for the first node; a second node on the same machine takes others, see {@link #asNode}). */
    private int port = 8181;
    private int sshPort = 8101;
    private String base = "http://localhost:8181";
    /** What /api/health answered while the server was starting, and what each plugin area answered at the first UP. */
    final List<HttpResponse<String>> healthBeforeUp = new ArrayList<>();
    final Map<String, Integer> areasAtFirstUp = new HashMap<>();

    final Path home;
    private final Map<String, String> env;
    private Process process;
    private String apiKey;
    private String adminPassword;

    private VafaServer(Path home, Map<String, String> env) {
        this.home = home;
        this.env = env;
    }

    /** Unpacks a fresh copy of the distribution; {@code env} is the server's environment (e.g. VAFA_DB_URL). */
    static VafaServer fresh(String name, Map<String, String> env) throws Exception {
        Path work = Path.of(System.getProperty("vafa.work", "target/servers"));
        Path home = work.resolve(name + "-" + System.currentTimeMillis());
        Files.createDirectories(home);
        run(List.of("tar", "xzf", System.getProperty("vafa.distribution"), "-C", home.toString(), "--strip-components=1"));
        // no quiet hours on test servers: a member's text goes at any time of day the suite runs (22:00-08:00 Tehran
        // would hold them); a test of quiet hours sets its own (server.config)
        Files.writeString(home.resolve("etc/org.vafa.sms.cfg"), "quietHours =\n");
        return new VafaServer(home, env).expectErrors(
                // Karaf's JMX whiteboard, on a restart, may register the features MBean a second time (InstanceAlreadyExists):
                // Karaf's race, harmless (the MBean is there)
                "MBeanHolder .* Failure registering MBean org\\.apache\\.karaf\\.features",
                // and while a server in a test stops to restart, Karaf's features service may still dispatch an event with its
                // bundle context gone: Karaf's shutdown race, harmless
                "org\\.apache\\.karaf\\.features\\.core \\[\\d+\\] EventDispatcher: Error during dispatch\\. \\(java\\.lang\\.IllegalStateException:"
                        + " Invalid BundleContext\\.\\)",
                "FelixDispatchQueue +\\| Framework +\\| \\d+ - org\\.apache\\.karaf\\.features\\.core - [0-9.]+ \\| FrameworkEvent ERROR$");
    }

    static VafaServer fresh(String name) throws Exception {
        return fresh(name, Map.of());
    }

    /** Talks HTTPS to the server (its certificate is self-signed: trusted as it is, for the test). */
    void useTls() throws Exception {
        javax.net.ssl.SSLContext trustAll = javax.net.ssl.SSLContext.getInstance("TLS");
        trustAll.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String type) {
            }

            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String type) {
            }

            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(trustAll).build();
        base = "https://localhost:" + port;
    }

    /**
     * Node {@code n} of a cluster on this machine: its REST, ssh and JMX ports moved by {@code n} (node 0 keeps the usual
     * ones). Call before the first start.
     */
    VafaServer asNode(int n) throws IOException {
        port = 8181 + n * 10;
        sshPort = 8101 + n * 10;
        base = "http://localhost:" + port;
        Files.writeString(home.resolve("etc/org.vafa.rest.cfg"), "port = " + port + "\n");
        for (String[] change : new String[][] {{"org.apache.karaf.shell.cfg", "sshPort = 8101", "sshPort = " + sshPort},
                {"org.apache.karaf.management.cfg", "rmiRegistryPort = 1099", "rmiRegistryPort = " + (1099 + n * 10)},
                {"org.apache.karaf.management.cfg", "rmiServerPort = 44444", "rmiServerPort = " + (44444 + n * 10)}}) {
            Path cfg = home.resolve("etc").resolve(change[0]);
            String text = Files.readString(cfg);
            if (!text.contains(change[1])) {
                throw new IllegalStateException(change[0] + " has no line " + change[1]);
            }
            Files.writeString(cfg, text.replace(change[1], change[2]));
        }
        return this;
    }

    /** A node joining a cluster whose first node made the API key: it is used here too. */
    VafaServer usesKeyOf(VafaServer first) {
        apiKey = first.apiKey;
        return this;
    }

    String base() {
        return base;
    }

    /** Writes etc/<pid>.cfg before the start (ConfigAdmin picks it up). */
    void config(String pid, String content) throws IOException {
        Files.writeString(home.resolve("etc").resolve(pid + ".cfg"), content);
    }

    void start() throws Exception {
        try (java.net.Socket busy = new java.net.Socket("localhost", port)) {
            throw new IllegalStateException("Port " + port + " is in use (another Vafa or test server is running); stop it first");
        } catch (java.net.ConnectException free) {
            // good: nothing answers there
        }
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        process = pb.start();
        await("server health UP", Duration.ofSeconds(150), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Vafa exited at start; see " + home.resolve("console.log"));
            }
            try {
                HttpResponse<String> r = get("/api/health", null);
                // DEGRADED serves too: a shipped route waits for a plugin that is not installed (health names its bean)
                boolean up = r.statusCode() == 200 && List.of("UP", "DEGRADED").contains(JSON.readTree(r.body()).path("status").asText());
                if (!up) {
                    healthBeforeUp.add(r);
                } else if (areasAtFirstUp.isEmpty()) {
                    for (String area : List.of("/api/club/members", "/api/pos/lookup", "/api/sms/messages", "/api/admin/events")) {
                        areasAtFirstUp.put(area, get(area, null).statusCode());
                    }
                }
                return up;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
        if (adminPassword == null) {
            String credentials = Files.readString(home.resolve("etc/initial-credentials.txt"));
            adminPassword = find(credentials, "Password: (\\S+)");
            if (apiKey == null) { // a second node of a cluster finds the key made already: it uses the first node's (usesKeyOf)
                apiKey = find(credentials, "(vafa_[A-Za-z0-9_-]+)");
            }
        }
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("Not found in credentials file: " + regex);
        }
        return m.group(1);
    }

    /** A graceful stop (bin/stop), waiting until the JVM has exited. */
    void stop() throws Exception {
        if (process == null || !process.isAlive()) {
            return;
        }
        run(List.of(home.resolve("bin/stop").toString()), Map.of("JAVA_HOME", System.getProperty("java.home")));
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            kill9();
        }
        awaitJvmsGone();
    }

    /** SIGKILL to the server JVM: no shutdown hook, nothing flushed. */
    void kill9() throws Exception {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        awaitJvmsGone();
    }

    private void awaitJvmsGone() throws Exception {
        await("server JVM gone", Duration.ofSeconds(60), () -> process.descendants().noneMatch(ProcessHandle::isAlive));
        Thread.sleep(500); // the OS releases the ports
    }

    private final List<Pattern> expectedErrors = new ArrayList<>();

    /** ERROR lines the test provokes on purpose (regular expressions found in the line); any other fails it. */
    VafaServer expectErrors(String... regexes) {
        for (String regex : regexes) {
            expectedErrors.add(Pattern.compile(regex));
        }
        return this;
    }

    /** The ERROR lines of the server log that the test did not expect. */
    List<String> unexpectedErrors() throws IOException {
        if (!Files.exists(log())) {
            return List.of();
        }
        // read leniently: a log line may hold bytes a client sent that are not UTF-8
        return new String(Files.readAllBytes(log()), java.nio.charset.StandardCharsets.UTF_8).lines().filter(line -> line.contains("| ERROR |"))
                .filter(line -> expectedErrors.stream().noneMatch(p -> p.matcher(line).find())).toList();
    }

    /** Stops the server; fails if it logged an ERROR the test did not expect (read before the stop: shutdown noise aside). */
    @Override
    public void close() throws Exception {
        List<String> unexpected;
        try {
            unexpected = process != null && process.isAlive() ? unexpectedErrors() : List.of();
        } finally {
            stop();
        }
        if (!unexpected.isEmpty()) {
            throw new AssertionError("The server logged ERRORs the test did not expect:\n" + String.join("\n", unexpected));
        }
    }

    /** The first-start admin password (from etc/initial-credentials.txt). */
    String adminPassword() {
        return adminPassword;
    }

    String apiKey() {
        return apiKey;
    }

    Path routes() {
        return home.resolve("routes");
    }

    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    void deploy(Path jar) throws IOException {
        Files.copy(jar, home.resolve("deploy").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    void undeploy(Path jar) throws IOException {
        Files.delete(home.resolve("deploy").resolve(jar.getFileName()));
    }

    static Path testPlugin() {
        return Path.of(System.getProperty("vafa.testplugin"));
    }

    static Path testRoute(String name) {
        return Path.of(System.getProperty("vafa.routes", "src/test/routes")).resolve(name);
    }

    // --- HTTP ------------------------------------------------------------------------------------

    HttpResponse<String> get(String path, String key, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String key, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!typed) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> patch(String path, String key, String body) throws IOException, InterruptedException {
        return send("PATCH", path, key, body);
    }

    HttpResponse<String> delete(String path, String key) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .DELETE().header("Authorization", "Bearer " + key).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String path, String key, String body) throws IOException, InterruptedException {
        return send("PUT", path, key, body);
    }

    private HttpResponse<String> send(String method, String path, String key, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json").build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** Publishes an event through the admin API and returns its envelope. */
    JsonNode publish(String type, String subject, String dataJson) throws Exception {
        HttpResponse<String> r = post("/api/admin/events", apiKey, "{\"type\":\"" + type + "\",\"subject\":\"" + subject
                + "\",\"data\":" + dataJson + "}");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("publish failed: " + r.statusCode() + " " + r.body());
        }
        return json(r);
    }

    /**
     * Events of the given types in the log, oldest first, including every event committed before this
     * call: positions follow commit order, so once a barrier event published now is readable, so is
     * everything committed before it.
     */
    List<JsonNode> events(String types) throws Exception {
        String barrier = publish("it.barrier", "barrier", "{}").get("id").asText();
        awaitValue("the barrier event sequenced", Duration.ofSeconds(20),
                () -> sequenced("it.barrier").stream().anyMatch(e -> e.get("id").asText().equals(barrier)), found -> found);
        return sequenced(types);
    }

    /**
     * Waits until the durable subscription has handled every event committed before this call: a barrier
     * event is published, and the subscription's position (which moves on only after its route's effect)
     * must reach it. What it has not done by then, it will not do for those events.
     */
    void awaitHandled(String subscription) throws Exception {
        List<JsonNode> barriers = events("it.barrier"); // publishes one more and returns it last
        long upTo = barriers.get(barriers.size() - 1).get("sequence").asLong();
        awaitValue("subscription " + subscription + " past sequence " + upTo, Duration.ofSeconds(30), () -> {
            for (String line : shell("vafa:subscriptions").split("\n")) {
                String[] cells = line.split("\\|");
                if (cells.length > 3 && cells[0].trim().equals(subscription)) {
                    return Long.parseLong(cells[2].trim());
                }
            }
            return -1L;
        }, position -> position >= upTo);
    }

    /** Events of the given types that have their position in the log already. */
    private List<JsonNode> sequenced(String types) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = json(get("/api/admin/events?type=" + types + "&after=" + after + "&limit=1000", apiKey));
            page.forEach(all::add);
            if (page.size() < 1000) {
                return all;
            }
            after = page.get(page.size() - 1).get("sequence").asLong();
        }
    }

    // --- shell over ssh ----------------------------------------------------------------------------

    /** Runs a Karaf shell command as the admin user over ssh and returns what it printed. */
    String shell(String command) throws IOException {
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.start();
            try (ClientSession session = client.connect("admin", "localhost", sshPort).verify(Duration.ofSeconds(10)).getSession()) {
                session.addPasswordIdentity(adminPassword);
                session.auth().verify(Duration.ofSeconds(20));
                try (ClientChannel channel = session.createExecChannel(command + "\n")) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    channel.setOut(out);
                    channel.setErr(out);
                    channel.open().verify(Duration.ofSeconds(10));
                    channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(60).toMillis());
                    return out.toString(StandardCharsets.UTF_8);
                }
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for: " + what);
    }

    interface IoSupplier<T> {
        T get() throws Exception;
    }

    /** Waits until the value satisfies the test; fails with the last value seen. */
    static <T> T awaitValue(String what, Duration timeout, IoSupplier<T> value, java.util.function.Predicate<T> test)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = value.get();
                if (test.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                last = null;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for: " + what + "; last value: " + last);
    }

    private static void run(List<String> command) throws Exception {
        run(command, Map.of());
    }

    private static void run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(new HashMap<>(env));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + out);
        }
    }
}
