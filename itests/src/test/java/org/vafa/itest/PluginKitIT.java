package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The plugin kit on the built distribution: SMS and email send with the club uninstalled; the shipped plugins' own routes and templates come from their
 * bundles; a plugin jar dropped into deploy/ brings its tables, routes and templates; an operator overrides a
 * plugin's route with a file of the same name and gets the plugin's back by deleting it; taking the jar away
 * removes its routes and keeps its data; health is DEGRADED, naming the bean, while a route calls a bean no
 * installed plugin provides.
 */
class PluginKitIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void pluginsBringTheirTablesRoutesAndTemplatesAndOperatorsOverrideTheirRoutes() throws Exception {
        try (VafaServer server = VafaServer.fresh("PluginKitIT")) {
            server.start();
            String key = server.apiKey();

            // the shipped plugins: their machinery routes come from their bundles, the integrations from routes/
            assertThat(routeLine(server, "club-daily.camel.yaml")).contains("plugin club");
            assertThat(routeLine(server, "pos-recovery.camel.yaml")).contains("plugin pos");
            assertThat(routeLine(server, "audit-log.camel.yaml")).contains("routes/");
            assertThat(Files.exists(server.routes().resolve("club-daily.camel.yaml"))).as("not copied to routes/").isFalse();
            assertThat(Files.readString(server.home.resolve("templates/sms/welcome.fa.ftl"))).as("seeded by the SMS plugin").isNotBlank();
            assertThat(Files.readString(server.home.resolve("templates/email/tier-upgrade.html.fa.ftl"))).isNotBlank();
            assertThat(Files.readString(server.home.resolve("etc/org.vafa.club.cfg"))).as("every setting, commented, with its default")
                    .contains("#cardPrefix = 6104").contains("#pointsExpireAfterMonths = 12");
            assertThat(Files.readString(server.home.resolve("etc/org.vafa.locale.cfg"))).contains("#timeZone = Asia/Tehran");
            assertThat(routeLine(server, "crm-timeline.camel.yaml")).contains("routes/");
            assertThat(Files.readString(server.home.resolve("templates/sms/ticket-filed.fa.ftl"))).as("seeded by the CRM").isNotBlank();
            // every shipped route finds its beans
            JsonNode health = VafaServer.json(server.get("/api/health", null));
            assertThat(health.get("status").asText()).as(health.toString()).isEqualTo("UP");

            // an operator's route that calls the test plugin's bean before the plugin is there: health names the bean
            Files.writeString(server.routes().resolve("needs-recorder.camel.yaml"), """
                    - route:
                        id: needs-recorder
                        from:
                          uri: vafa-events:test.needs
                          parameters:
                            subscription: needs-recorder
                          steps:
                            - to: bean:testRecorder?method=record
                    """);
            VafaServer.awaitValue("health naming the missing bean", WAIT, () -> VafaServer.json(server.get("/api/health", null)),
                    h -> h.at("/routes/missingBeans/needs-recorder").asText().equals("testRecorder"));

            // an operator edited one of the plugin's templates before installing it: the edit is kept
            Path templates = server.home.resolve("templates/sms");
            Files.writeString(templates.resolve("testplugin-hello.en.ftl"), "The operator's own ${firstName}\n");

            server.deploy(VafaServer.testPlugin());
            VafaServer.awaitValue("the plugin's REST area (its tables migrated)", WAIT,
                    () -> server.get("/api/test/received", key).statusCode(), s -> s == 200);
            assertThat(VafaServer.awaitValue("its route deployed", WAIT, () -> routeLine(server, "testplugin-pong.camel.yaml"),
                    line -> line.contains("Started"))).contains("plugin testplugin");
            assertThat(Files.readString(templates.resolve("testplugin-hello.fa.ftl"))).isEqualTo("سلام ${firstName}\n");
            assertThat(Files.readString(templates.resolve("testplugin-hello.en.ftl"))).isEqualTo("The operator's own ${firstName}\n");
            VafaServer.awaitValue("health no longer naming testRecorder", WAIT, () -> VafaServer.json(server.get("/api/health", null)),
                    h -> h.at("/routes/missingBeans/needs-recorder").isMissingNode());

            // the plugin's own route works
            server.publish("test.pong", "p1", "{\"keep\":false}");
            awaitReceived(server, "p1", 1);

            // an operator overrides it with a file of the same name: only events with keep=true are recorded now
            Files.writeString(server.routes().resolve("testplugin-pong.camel.yaml"), """
                    # the operator's version: only what is to be kept
                    - route:
                        id: testplugin-pong
                        from:
                          uri: vafa-events:test.pong
                          parameters:
                            subscription: testplugin-pong
                          steps:
                            - filter:
                                simple: "${body[keep]} == true"
                                steps:
                                  - to: bean:testRecorder?method=record
                    """);
            VafaServer.awaitValue("the override deployed", WAIT, () -> routeLine(server, "testplugin-pong.camel.yaml"),
                    line -> line.contains("overrides testplugin") && line.contains("DEPLOYED"));
            server.publish("test.pong", "p2", "{\"keep\":false}");
            server.publish("test.pong", "p3", "{\"keep\":true}");
            server.awaitHandled("testplugin-pong");
            assertThat(received(server, "p2")).as("filtered out by the operator's version").isZero();
            assertThat(received(server, "p3")).isEqualTo(1);

            // deleting the override brings the plugin's own version back
            Files.delete(server.routes().resolve("testplugin-pong.camel.yaml"));
            VafaServer.awaitValue("the plugin's version back", WAIT, () -> routeLine(server, "testplugin-pong.camel.yaml"),
                    line -> line.contains("plugin testplugin") && !line.contains("overrides"));
            server.publish("test.pong", "p4", "{\"keep\":false}");
            awaitReceived(server, "p4", 1);

            // taking the jar away removes its routes, keeps its data
            server.undeploy(VafaServer.testPlugin());
            VafaServer.awaitValue("plugin REST gone", WAIT, () -> server.get("/api/test/received", key).statusCode(), s -> s == 404);
            VafaServer.awaitValue("its route gone", WAIT, () -> server.shell("vafa:routes"), out -> !out.contains("testplugin-pong"));
            server.deploy(VafaServer.testPlugin());
            VafaServer.awaitValue("the plugin back", WAIT, () -> server.get("/api/test/received", key).statusCode(), s -> s == 200);
            assertThat(received(server, "p1") + received(server, "p3") + received(server, "p4")).as("its data kept").isEqualTo(3);
        }
    }

    @Test
    void smsAndEmailSendWithTheClubUninstalled() throws Exception {
        try (VafaServer server = VafaServer.fresh("PluginKitIT-noclub")) {
            server.start();
            String key = server.apiKey();
            server.shell("feature:uninstall vafa-pos");
            server.shell("feature:uninstall vafa-club");
            VafaServer.awaitValue("the club gone", WAIT, () -> server.get("/api/club/members?mobile=09121234567", key).statusCode(),
                    s -> s == 404);
            assertThat(server.shell("feature:list -i")).contains("vafa-sms").contains("vafa-email").doesNotContain("vafa-club ");

            // by hand, to a raw number
            JsonNode typed = VafaServer.json(server.post("/api/sms/messages", key, "{\"to\": \"09121234567\", \"text\": \"سلام\"}"));
            VafaServer.awaitValue("the typed SMS sent", WAIT,
                    () -> VafaServer.json(server.get("/api/sms/messages/" + typed.get("id").asText(), key)).get("status").asText(),
                    status -> status.equals("SENT"));

            // by a route, to contact references that need no plugin, and to a member, which waits for the club
            Files.writeString(server.home.resolve("templates/sms/ops-alert.fa.ftl"), "هشدار: ${data.text}\n");
            Files.writeString(server.routes().resolve("ops-alert.camel.yaml"), """
                    - route:
                        id: ops-alert-sms
                        from:
                          uri: vafa-events:ops.alert
                          parameters:
                            subscription: ops-alert-sms
                          steps:
                            - setHeader:
                                name: VafaMessageType
                                constant: ops-alert
                            - setHeader:
                                name: VafaSmsTo
                                constant: "tel:09121234568"
                            - to: bean:smsMessages?method=sendTo
                    - route:
                        id: ops-alert-mail
                        from:
                          uri: vafa-events:ops.alert
                          parameters:
                            subscription: ops-alert-mail
                          steps:
                            - setHeader:
                                name: VafaMessageType
                                constant: staff-notice
                            - setHeader:
                                name: VafaEmailTo
                                constant: "mailto:ops@example.com"
                            - to: bean:emailMessages?method=sendTo
                    - route:
                        id: ops-alert-member
                        from:
                          uri: vafa-events:ops.alert
                          parameters:
                            subscription: ops-alert-member
                          steps:
                            - setHeader:
                                name: VafaMessageType
                                constant: ops-alert
                            - to: bean:smsMessages?method=sendToMember
                    """);
            VafaServer.awaitValue("the route file deployed", WAIT, () -> routeLine(server, "ops-alert.camel.yaml"),
                    line -> line.contains("DEPLOYED"));
            server.publish("ops.alert", "m-1", "{\"text\": \"disk full\", \"to\": \"gold\", \"from\": \"silver\", \"memberId\": \"m-1\"}");
            Path outbox = server.home.resolve("data/sms/outbox.txt");
            VafaServer.awaitValue("the alert texted", WAIT, () -> Files.exists(outbox) ? Files.readString(outbox) : "",
                    text -> text.contains("+989121234568") && text.contains("هشدار: disk full"));
            Path mailFolder = server.home.resolve("data/email");
            String mail = VafaServer.awaitValue("the alert mailed", WAIT, () -> {
                try (var files = Files.list(mailFolder)) {
                    return files.map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (java.io.IOException e) {
                            return "";
                        }
                    }).filter(m -> m.contains("To: ops@example.com")).findFirst().orElse("");
                }
            }, m -> !m.isEmpty());
            assertThat(mail).contains("multipart/alternative");
            VafaServer.awaitValue("the member's message waiting for the club's contacts", WAIT, () -> Arrays.stream(
                    server.shell("vafa:subscriptions").split("\n")).filter(l -> l.startsWith("ops-alert-member")).findFirst().orElse(""),
                    line -> line.contains("memberContacts"));
        }
    }

    /** The line of vafa:routes for a route file. */
    private static String routeLine(VafaServer server, String file) throws Exception {
        return Arrays.stream(server.shell("vafa:routes").split("\n")).filter(l -> l.contains(file)).findFirst().orElse("");
    }

    private static long received(VafaServer server, String subject) throws Exception {
        return VafaServer.json(server.get("/api/test/received?subject=" + subject, server.apiKey())).get("receivedForSubject").asLong();
    }

    private static void awaitReceived(VafaServer server, String subject, long count) throws Exception {
        VafaServer.awaitValue("recorded events of " + subject, WAIT, () -> received(server, subject), n -> n == count);
    }
}
