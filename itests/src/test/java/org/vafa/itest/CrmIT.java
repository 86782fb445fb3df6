package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CRM on the built distribution: what happens in the club and at the registers lands on the member's
 * timeline by itself, once, also across a restart; a ticket filed for her texts the responsible expert at once; a
 * self-registered member's verification call is a task whose outcome reaches the club.
 * {@link CrmPostgresIT} runs the same on PostgreSQL.
 */
class CrmIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    Map<String, String> serverEnv() throws Exception {
        return Map.of();
    }

    void cleanUp() throws Exception {
    }

    @Test
    void theClubFeedsTheTimelineOnceAndATicketTextsTheExpert() throws Exception {
        try (VafaServer server = VafaServer.fresh(getClass().getSimpleName(), serverEnv())) {
            server.start();
            String admin = server.apiKey();
            String sara = VafaServer.json(server.post("/api/club/members", admin, "{\"firstName\": \"سارا\", \"lastName\": \"احمدی\","
                    + " \"mobile\": \"09121234567\"}")).get("id").asText();
            server.post("/api/club/members/" + sara + "/points/earn", admin, "{\"points\": 300, \"source\": \"bonus:opening\"}");
            server.post("/api/pos/branches", admin, "{\"code\": \"tehran-1\", \"name\": \"Vanak\"}");
            String till = VafaServer.json(server.post("/api/pos/branches/tehran-1/terminals", admin, "{\"name\": \"till-1\"}"))
                    .get("apiKey").asText();
            HttpResponse<String> sale = server.post("/api/pos/sales", till, "{\"receipt\": \"R1\", \"memberId\": \"" + sara + "\","
                    + " \"currency\": \"IRR\", \"lines\": [{\"sku\": \"tea\", \"category\": \"food\", \"quantity\": 1, \"unitPrice\": 450000}]}");
            assertThat(sale.statusCode()).as(sale.body()).isEqualTo(201);

            JsonNode customer = VafaServer.awaitValue("her file", WAIT, () -> VafaServer.json(server.get("/api/crm/customers?mobile=09121234567",
                    admin)), c -> c.has("id"));
            assertThat(customer.get("memberId").asText()).isEqualTo(sara);
            assertThat(customer.get("firstName").asText()).isEqualTo("سارا");
            String timeline = "/api/crm/customers/" + customer.get("id").asText() + "/timeline";
            List<String> kinds = VafaServer.awaitValue("the club's and the register's events on her timeline", WAIT,
                    () -> kinds(VafaServer.json(server.get(timeline, admin))), k -> k.contains("purchase") && k.contains("points")
                            && k.contains("member"));
            assertThat(VafaServer.json(server.get(timeline + "?kind=purchase", admin)).get("entries")).hasSize(1);
            assertThat(server.get(timeline + "?kind=gossip", admin).statusCode()).isEqualTo(400);

            // a restart delivers nothing twice
            server.stop();
            server.start();
            server.post("/api/club/members/" + sara + "/points/earn", admin, "{\"points\": 10, \"source\": \"bonus:after-restart\"}");
            List<String> after = VafaServer.awaitValue("the new event", WAIT, () -> kinds(VafaServer.json(server.get(timeline, admin))),
                    k -> k.size() == kinds.size() + 1);
            assertThat(after.subList(1, after.size())).isEqualTo(kinds);

            // a ticket filed for her texts the expert on duty who answers complaints
            assertThat(server.post("/api/crm/staff", admin, "{\"id\": \"ali\", \"name\": \"علی\", \"mobile\": \"09351112233\","
                    + " \"categories\": [\"complaint\"], \"onDuty\": false}").statusCode()).isEqualTo(201);
            assertThat(server.post("/api/crm/staff", admin, "{\"id\": \"mina\", \"name\": \"مینا\", \"mobile\": \"09351114455\","
                    + " \"categories\": [\"complaint\", \"warranty\"]}").statusCode()).isEqualTo(201);
            HttpResponse<String> bad = server.post("/api/crm/tickets", admin, "{\"memberId\": \"" + sara + "\", \"category\": \"gossip\","
                    + " \"subject\": \"x\", \"text\": \"y\"}");
            assertThat(VafaServer.json(bad).get("field").asText()).isEqualTo("category");
            HttpResponse<String> filed = server.post("/api/crm/tickets", admin, "{\"memberId\": \"" + sara + "\", \"category\": \"complaint\","
                    + " \"subject\": \"فرش پاره بود\", \"text\": \"فرشی که خریدم پاره بود\", \"reference\": \"R1\"}");
            assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
            assertThat(VafaServer.json(filed).get("expertId").asText()).isEqualTo("mina");
            Path outbox = server.home.resolve("data/sms/outbox.txt");
            String text = VafaServer.awaitValue("the text to the expert", WAIT, () -> Files.exists(outbox) ? Files.readString(outbox) : "",
                    o -> o.contains("+989351114455"));
            assertThat(text.lines().filter(l -> l.contains("+989351114455")).findFirst().orElseThrow()).contains("تیکت 1").contains("فرش پاره بود");
            assertThat(text).doesNotContain("+989351112233");
            assertThat(VafaServer.json(server.get("/api/crm/tickets?expertId=mina", admin))).hasSize(1);
            assertThat(server.get("/api/crm/tickets", till).statusCode()).as("a till's key").isEqualTo(403);

            // the expert answers: the customer is texted a notice, the ticket is acknowledged
            String ticketId = VafaServer.json(filed).get("id").asText();
            assertThat(server.post("/api/crm/tickets/" + ticketId + "/replies", admin, "{\"text\": \"فرش را عوض می‌کنیم\"}").statusCode())
                    .isEqualTo(201);
            assertThat(VafaServer.json(server.get("/api/crm/tickets/" + ticketId, admin)).get("status").asText()).isEqualTo("acknowledged");
            VafaServer.awaitValue("the notice to her", WAIT, () -> Files.readString(outbox), o -> o.contains("+989121234567\t")
                    && o.contains("به تیکت 1 شما پاسخ داده شد"));

            // an SLA of a few seconds, round the clock: not acknowledged in time, the supervisor is texted
            server.shell("config:property-set -p org.vafa.crm businessWeek \"SAT-FRI 00:00-24:00\"");
            server.shell("config:property-set -p org.vafa.crm firstResponse normal=3s");
            assertThat(server.post("/api/crm/staff", admin, "{\"id\": \"sam\", \"name\": \"Sam\", \"mobile\": \"09357778899\","
                    + " \"roles\": [\"supervisor\"]}").statusCode()).isEqualTo(201);
            JsonNode late = VafaServer.awaitValue("a ticket under the new SLA", WAIT, () -> VafaServer.json(server.post("/api/crm/tickets",
                    admin, "{\"memberId\": \"" + sara + "\", \"category\": \"complaint\", \"subject\": \"بی‌پاسخ\", \"text\": \"...\"}")),
                    t -> t.has("dueAt") && java.time.Duration.between(java.time.Instant.parse(t.get("filedAt").asText()),
                            java.time.Instant.parse(t.get("dueAt").asText())).getSeconds() <= 3);
            String escalatedText = VafaServer.awaitValue("the supervisor's text", WAIT, () -> Files.readString(outbox),
                    o -> o.contains("+989357778899"));
            assertThat(escalatedText).contains("ارجاع تیکت " + late.get("number").asText());
            JsonNode escalated = VafaServer.json(server.get("/api/crm/tickets/" + late.get("id").asText(), admin));
            assertThat(escalated.get("escalationLevel").asInt()).isEqualTo(1);
            assertThat(escalated.get("escalatedTo").asText()).isEqualTo("sam");
            // waiting on the customer: no deadline runs
            JsonNode waiting = VafaServer.json(server.patch("/api/crm/tickets/" + late.get("id").asText(), admin,
                    "{\"status\": \"waiting_on_customer\"}"));
            assertThat(waiting.get("dueAt").isNull()).isTrue();
            assertThat(server.patch("/api/crm/tickets/" + late.get("id").asText(), admin, "{\"status\": \"closed\"}").statusCode())
                    .isEqualTo(409);

            // a proforma is followed by a task until it becomes an invoice and a dispatch note, whose event carries the lines
            HttpResponse<String> proforma = server.post("/api/crm/documents", admin, "{\"memberId\": \"" + sara + "\", \"lines\":"
                    + " [{\"sku\": \"rug-1\", \"name\": \"فرش\", \"quantity\": 1, \"unitPrice\": 30000000}]}");
            assertThat(proforma.statusCode()).as(proforma.body()).isEqualTo(201);
            assertThat(VafaServer.json(proforma).get("total").decimalValue()).isEqualByComparingTo("33000000");
            VafaServer.awaitValue("the follow-up task", WAIT, () -> VafaServer.json(server.get("/api/crm/tasks?memberId=" + sara, admin)),
                    t -> t.toString().contains("proforma-follow-up"));
            JsonNode invoice = VafaServer.json(server.post("/api/crm/documents/" + VafaServer.json(proforma).get("id").asText() + "/invoice",
                    admin, ""));
            assertThat(invoice.get("number").asText()).startsWith("INV-").endsWith("-000001");
            JsonNode note = VafaServer.json(server.post("/api/crm/documents/" + invoice.get("id").asText() + "/dispatch", admin, ""));
            assertThat(note.get("kind").asText()).isEqualTo("dispatch");
            assertThat(server.events("crm.document.dispatched")).singleElement()
                    .satisfies(e -> assertThat(e.at("/data/lines/0/sku").asText()).isEqualTo("rug-1"));
            assertThat(VafaServer.json(server.post("/api/crm/documents", admin, "{\"memberId\": \"" + sara + "\", \"lines\":"
                    + " [{\"sku\": \"x\", \"quantity\": 0, \"unitPrice\": 1}]}")).get("field").asText()).isEqualTo("lines[0].quantity");

            // a self-registered member gets a verification call; the expert's outcome reaches the club member
            String reza = VafaServer.json(server.post("/api/club/members", admin, "{\"firstName\": \"رضا\", \"lastName\": \"تهرانی\","
                    + " \"mobile\": \"09351119999\", \"pendingVerification\": true}")).get("id").asText();
            JsonNode task = VafaServer.awaitValue("the verification task", WAIT,
                    () -> VafaServer.json(server.get("/api/crm/tasks?memberId=" + reza, admin)), t -> t.size() == 1).get(0);
            assertThat(task.get("kind").asText()).isEqualTo("verification-call");
            assertThat(VafaServer.json(server.get("/api/crm/tasks?assignee=mina&status=open", admin)).findValuesAsText("id"))
                    .as("the experts' tasks are mina's").contains(task.get("id").asText());
            HttpResponse<String> done = server.post("/api/crm/tasks/" + task.get("id").asText() + "/complete", admin,
                    "{\"outcome\": \"verified\", \"note\": \"called\"}");
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            VafaServer.awaitValue("the member verified", WAIT, () -> VafaServer.json(server.get("/api/club/members/" + reza, admin))
                    .get("status").asText(), "active"::equals);
        } finally {
            cleanUp();
        }
    }

    private static List<String> kinds(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("entries").forEach(e -> out.add(e.get("kind").asText()));
        return out;
    }
}
