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

    /**
     * The SMS gateway the texts go through, and what it was handed so far as lines {@code <E.164>\t<text>}: here the
     * development gateway's outbox file.
     */
    VafaServer.IoSupplier<String> smsPeer(VafaServer server) throws Exception {
        Path outbox = server.home.resolve("data/sms/outbox.txt");
        return () -> Files.exists(outbox) ? String.join("\n", Files.readString(outbox).lines()
                .map(l -> l.split("\t", 7)).filter(f -> f.length == 7).map(f -> f[2] + "\t" + f[6]).toList()) : "";
    }

    @Test
    void theClubFeedsTheTimelineOnceAndATicketTextsTheExpert() throws Exception {
        try (VafaServer server = VafaServer.fresh(getClass().getSimpleName(), serverEnv())) {
            server.start();
            String admin = server.apiKey();
            VafaServer.IoSupplier<String> outbox = smsPeer(server);
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
            String text = VafaServer.awaitValue("the text to the expert", WAIT, outbox,
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
            VafaServer.awaitValue("the notice to her", WAIT, outbox, o -> o.contains("+989121234567\t")
                    && o.contains("به تیکت 1 شما پاسخ داده شد"));
            // the texts she was sent are on her timeline too
            JsonNode messages = VafaServer.awaitValue("her texts on her timeline", WAIT, () -> VafaServer.json(server.get(timeline
                    + "?kind=message", admin)), p -> p.toString().contains("ticket-replied"));
            assertThat(messages.findValuesAsText("type")).contains("sms.sent");

            // an SLA of a few seconds, round the clock: not acknowledged in time, the supervisor is texted
            // one update (three property-sets in a row can race with the file Karaf writes back, and one may be lost)
            server.shell("config:edit org.vafa.crm; config:property-set businessWeek \"SAT-FRI 00:00-24:00\";"
                    + " config:property-set firstResponse normal=3s; config:property-set slaWarning normal=2s; config:update");
            assertThat(server.post("/api/crm/staff", admin, "{\"id\": \"sam\", \"name\": \"Sam\", \"mobile\": \"09357778899\","
                    + " \"roles\": [\"supervisor\"]}").statusCode()).isEqualTo(201);
            JsonNode late = VafaServer.awaitValue("a ticket under the new SLA", WAIT, () -> VafaServer.json(server.post("/api/crm/tickets",
                    admin, "{\"memberId\": \"" + sara + "\", \"category\": \"complaint\", \"subject\": \"بی‌پاسخ\", \"text\": \"...\"}")),
                    t -> t.has("dueAt") && java.time.Duration.between(java.time.Instant.parse(t.get("filedAt").asText()),
                            java.time.Instant.parse(t.get("dueAt").asText())).getSeconds() <= 3);
            String escalatedText = VafaServer.awaitValue("the supervisor's text", WAIT, outbox,
                    o -> o.contains("+989357778899"));
            assertThat(escalatedText).contains("ارجاع تیکت " + late.get("number").asText());
            // with two seconds left, the expert holding it was warned first
            assertThat(escalatedText.lines().filter(l -> l.contains("+989351114455") && l.contains("هشدار مهلت")
                    && l.contains("تیکت " + late.get("number").asText())).count()).isEqualTo(1);
            assertThat(escalatedText.indexOf("هشدار مهلت")).isLessThan(escalatedText.indexOf("ارجاع تیکت " + late.get("number").asText()));
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

            membersSignInAndServeThemselves(server, admin, sara, ticketId, outbox);
        } finally {
            cleanUp();
        }
    }

    /**
     * Members sign in by a code texted to them and see only their own: profile, tickets (one filed by herself reaches the
     * expert at once), proformas; a closed ticket texts her a signed link that records her satisfaction once.
     */
    private static void membersSignInAndServeThemselves(VafaServer server, String admin, String sara, String saraTicket,
            VafaServer.IoSupplier<String> outbox)
            throws Exception {
        assertThat(server.post("/api/me/sign-in", null, "{\"mobile\": \"۰۹۱۲۱۲۳۴۵۶۷\"}").statusCode()).isEqualTo(202);
        String code = VafaServer.awaitValue("her code", WAIT, () -> lastMatch(outbox.get(),
                "\\+989121234567\\t.*کد ورود شما به باشگاه: ([0-9]{6})"), java.util.Objects::nonNull);
        // the same answer for a number that is no member's, and no text to it
        assertThat(server.post("/api/me/sign-in", null, "{\"mobile\": \"09120000001\"}").statusCode()).isEqualTo(202);
        HttpResponse<String> again = server.post("/api/me/sign-in", null, "{\"mobile\": \"09121234567\"}");
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.headers().firstValue("Retry-After")).isPresent();
        HttpResponse<String> wrong = server.post("/api/me/sign-in/verify", null, "{\"mobile\": \"09121234567\", \"code\": \""
                + (code.equals("000000") ? "111111" : "000000") + "\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(VafaServer.json(wrong).get("field").asText()).isEqualTo("code");
        JsonNode session = VafaServer.json(server.post("/api/me/sign-in/verify", null, "{\"mobile\": \"09121234567\", \"code\": \""
                + code + "\"}"));
        String her = session.get("token").asText();
        assertThat(session.get("memberId").asText()).isEqualTo(sara);
        assertThat(server.post("/api/me/sign-in/verify", null, "{\"mobile\": \"09121234567\", \"code\": \"" + code + "\"}")
                .statusCode()).as("a code is used once").isEqualTo(401);

        JsonNode me = VafaServer.json(server.get("/api/me", her));
        assertThat(me.get("id").asText()).isEqualTo(sara);
        assertThat(me.get("pointsAvailable").asLong()).isPositive();
        assertThat(server.get("/api/me", admin).statusCode()).as("no API key serves a member's own pages").isEqualTo(401);
        assertThat(server.get("/api/me", null).statusCode()).isEqualTo(401);
        assertThat(server.get("/api/crm/tickets", her).statusCode()).as("a member's token is no API key").isEqualTo(401);
        assertThat(server.get("/api/me/points", her).body()).contains("bonus:opening");
        // the platform's own headers cannot be sent: posing as her with an admin key, or as her session, opens nothing
        assertThat(server.get("/api/me", admin, "VafaMemberId", sara).statusCode()).isEqualTo(401);
        assertThat(server.get("/api/me?VafaMemberId=" + sara, null).statusCode()).isEqualTo(401);
        assertThat(server.get("/api/me/tickets/%2e%2e/%2e%2e/crm/tickets", her).statusCode()).isEqualTo(400);

        // her own ticket reaches the expert at once; posing as another member is refused
        HttpResponse<String> mine = server.post("/api/me/tickets", her, "{\"category\": \"warranty\", \"subject\": \"گارانتی\","
                + " \"text\": \"کتری کار نمی‌کند\"}");
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(201);
        String filedText = "تیکت " + VafaServer.json(mine).get("number").asText();
        VafaServer.awaitValue("the expert texted about her own ticket", WAIT, outbox,
                o -> o.lines().anyMatch(l -> l.contains("+989351114455") && l.contains(filedText) && l.contains("گارانتی")
                        && !l.contains("هشدار")));
        assertThat(VafaServer.json(server.post("/api/me/tickets", her, "{\"memberId\": \"someone-else\", \"category\": \"warranty\","
                + " \"subject\": \"x\", \"text\": \"y\"}")).get("field").asText()).isEqualTo("memberId");
        assertThat(VafaServer.json(server.get("/api/me/tickets", her)).findValuesAsText("subject")).contains("گارانتی", "فرش پاره بود");

        // another member: five wrong codes void his code (429), the right one after them opens nothing
        assertThat(server.post("/api/me/sign-in", null, "{\"mobile\": \"09351119999\"}").statusCode()).isEqualTo(202);
        String his = VafaServer.awaitValue("his code", WAIT, () -> lastMatch(outbox.get(),
                "\\+989351119999\\t.*کد ورود شما به باشگاه: ([0-9]{6})"), java.util.Objects::nonNull);
        String notHis = his.equals("000000") ? "111111" : "000000";
        List<Integer> tries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tries.add(server.post("/api/me/sign-in/verify", null, "{\"mobile\": \"09351119999\", \"code\": \"" + notHis + "\"}")
                    .statusCode());
        }
        assertThat(tries).containsExactly(401, 401, 401, 401, 429);
        assertThat(server.post("/api/me/sign-in/verify", null, "{\"mobile\": \"09351119999\", \"code\": \"" + his + "\"}")
                .statusCode()).isEqualTo(401);
        // a new code, once the resend delay allows it, signs him in; he sees none of hers
        server.shell("config:property-set -p org.vafa.signin resendSeconds 0");
        String rezaToken = VafaServer.awaitValue("his new code accepted", WAIT, () -> signIn(server, "09351119999", "\\+989351119999",
                outbox, his), java.util.Objects::nonNull);
        assertThat(VafaServer.json(server.get("/api/me/tickets", rezaToken))).isEmpty();
        assertThat(server.get("/api/me/tickets/" + saraTicket, rezaToken).statusCode()).isEqualTo(404);
        assertThat(server.post("/api/me/tickets/" + saraTicket + "/replies", rezaToken, "{\"text\": \"hi\"}").statusCode()).isEqualTo(404);
        JsonNode hers = VafaServer.json(server.get("/api/me/tickets/" + saraTicket, her));
        assertThat(hers.at("/ticket/subject").asText()).isEqualTo("فرش پاره بود");
        assertThat(hers.get("replies").findValuesAsText("kind")).containsOnly("staff");

        // closed: she is texted a signed link, answered once, whichever way she answers
        server.patch("/api/crm/tickets/" + saraTicket, admin, "{\"status\": \"resolved\"}");
        assertThat(server.patch("/api/crm/tickets/" + saraTicket, admin, "{\"status\": \"closed\"}").statusCode()).isEqualTo(200);
        String link = VafaServer.awaitValue("the satisfaction link", WAIT, () -> lastMatch(outbox.get(),
                "\\+989121234567\\t.*(/api/public/ratings/[A-Za-z0-9._-]+)"), java.util.Objects::nonNull);
        JsonNode question = VafaServer.json(server.get(link, null));
        assertThat(question.get("answered").asBoolean()).isFalse();
        assertThat(question.get("questionFa").asText()).contains("راضی");
        String forged = link.substring(0, link.length() - 2) + (link.endsWith("AA") ? "BB" : "AA");
        assertThat(server.post(forged, null, "{\"rating\": \"bad\"}").statusCode()).isEqualTo(404);
        assertThat(VafaServer.json(server.post(link, null, "{\"rating\": \"meh\"}")).get("field").asText()).isEqualTo("rating");
        HttpResponse<String> rated = server.post(link, null, "{\"rating\": \"good\", \"comment\": \"ممنون\"}");
        assertThat(rated.statusCode()).as(rated.body()).isEqualTo(201);
        assertThat(server.post(link, null, "{\"rating\": \"bad\"}").statusCode()).isEqualTo(409);
        assertThat(server.post("/api/me/tickets/" + saraTicket + "/rating", her, "{\"rating\": \"bad\"}").statusCode()).isEqualTo(409);
        assertThat(server.events("crm.ticket.rated")).singleElement()
                .satisfies(e -> assertThat(e.at("/data/rating").asText()).isEqualTo("good"));
        assertThat(VafaServer.json(server.get("/api/me/tickets/" + saraTicket, her)).at("/rating/rating").asText()).isEqualTo("good");
        // the desk's report: breaches per category, satisfaction per expert
        JsonNode report = VafaServer.json(server.get("/api/crm/reports/tickets", admin));
        JsonNode minas = java.util.stream.StreamSupport.stream(report.get("byExpert").spliterator(), false)
                .filter(r -> r.get("key").asText().equals("mina")).findFirst().orElseThrow();
        assertThat(minas.get("ratedGood").asLong()).isEqualTo(1);
        assertThat(minas.get("satisfaction").asDouble()).isEqualTo(1.0);
        JsonNode complaints = java.util.stream.StreamSupport.stream(report.get("byCategory").spliterator(), false)
                .filter(r -> r.get("key").asText().equals("complaint")).findFirst().orElseThrow();
        assertThat(complaints.get("breached").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(VafaServer.json(server.get("/api/crm/reports/tickets?from=yesterday", admin)).get("field").asText()).isEqualTo("from");

        // a survey a day after a sale: defined by staff, sent by the shipped route, answered once through its link
        HttpResponse<String> badSurvey = server.post("/api/crm/surveys", admin, "{\"id\": \"after-sale\", \"title\": \"x\","
                + " \"questions\": [{\"id\": \"q1\", \"kind\": \"choice\", \"text\": \"?\", \"options\": [\"only\"]}]}");
        assertThat(VafaServer.json(badSurvey).get("field").asText()).isEqualTo("questions[0].options");
        assertThat(server.post("/api/crm/surveys", admin, "{\"id\": \"after-sale\", \"title\": \"نظر شما\", \"questions\": ["
                + "{\"id\": \"staff\", \"kind\": \"choice\", \"text\": \"برخورد فروشنده\", \"options\": [\"خوب\", \"بد\"]},"
                + "{\"id\": \"stars\", \"kind\": \"scale\", \"text\": \"از ۱ تا ۵\"},"
                + "{\"id\": \"words\", \"kind\": \"text\", \"text\": \"چیزی بگویید\"}]}").statusCode()).isEqualTo(201);
        String till = VafaServer.json(server.post("/api/pos/branches/tehran-1/terminals", admin, "{\"name\": \"till-survey\"}"))
                .get("apiKey").asText();
        assertThat(server.post("/api/pos/sales", till, "{\"receipt\": \"S1\", \"memberId\": \"" + sara + "\", \"currency\": \"IRR\","
                + " \"lines\": [{\"sku\": \"tea\", \"category\": \"food\", \"quantity\": 1, \"unitPrice\": 100000}]}").statusCode())
                .isEqualTo(201);
        JsonNode invite = VafaServer.awaitValue("the survey's text, queued for tomorrow", WAIT, () -> {
            for (JsonNode m : VafaServer.json(server.get("/api/sms/messages?memberId=" + sara, admin))) {
                if (m.get("type").asText().equals("survey-invite")) {
                    return m;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
        assertThat(invite.get("status").asText()).isEqualTo("QUEUED");
        assertThat(java.time.Instant.parse(invite.get("nextAttemptAt").asText())).isAfter(java.time.Instant.now().plusSeconds(23 * 3600));
        String surveyLink = lastMatch(invite.get("body").asText(), "(/api/public/surveys/[A-Za-z0-9._-]+)");
        assertThat(VafaServer.json(server.get(surveyLink, null)).get("questions")).hasSize(3);
        assertThat(VafaServer.json(server.post(surveyLink, null, "{\"answers\": {\"staff\": \"خوب\", \"stars\": 9}}")).get("field")
                .asText()).isEqualTo("answers.stars");
        HttpResponse<String> answered = server.post(surveyLink, null, "{\"answers\": {\"staff\": \"خوب\", \"stars\": 4, \"words\":"
                + " \"چای خوبی بود\"}}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(201);
        assertThat(server.post(surveyLink, null, "{\"answers\": {\"staff\": \"بد\", \"stars\": 1}}").statusCode()).isEqualTo(409);
        JsonNode mySurveys = VafaServer.json(server.get("/api/me/surveys", her));
        assertThat(mySurveys.get(0).get("answeredAt").isNull()).isFalse();
        assertThat(server.post("/api/me/surveys/" + mySurveys.get(0).get("id").asText(), rezaToken, "{\"answers\": {\"staff\": \"بد\","
                + " \"stars\": 1}}").statusCode()).as("not his").isEqualTo(404);
        JsonNode results = VafaServer.json(server.get("/api/crm/surveys/after-sale/results", admin));
        assertThat(results.get("answered").asLong()).isEqualTo(1);
        assertThat(results.at("/questions/0/counts/خوب").asLong()).isEqualTo(1);
        assertThat(results.at("/questions/1/mean").asDouble()).isEqualTo(4.0);
        assertThat(results.at("/questions/2/texts/0").asText()).isEqualTo("چای خوبی بود");

        // her proforma, and signing out
        HttpResponse<String> proforma = server.post("/api/me/proformas", her, "{\"lines\": [{\"sku\": \"kettle\", \"quantity\": 1,"
                + " \"unitPrice\": 2000000}]}");
        assertThat(proforma.statusCode()).as(proforma.body()).isEqualTo(201);
        assertThat(VafaServer.json(server.get("/api/me/proformas", her)).findValuesAsText("id")).contains(VafaServer.json(proforma)
                .get("id").asText());
        assertThat(VafaServer.json(server.get("/api/me/proformas", rezaToken)).findValuesAsText("id")).doesNotContain(VafaServer
                .json(proforma).get("id").asText());
        assertThat(server.delete("/api/me/session", her).statusCode()).isEqualTo(204);
        assertThat(server.get("/api/me", her).statusCode()).isEqualTo(401);
        assertThat(server.get("/api/me", rezaToken).statusCode()).isEqualTo(200);

        // the register's lookup shows her open tickets; without the CRM it still serves, saying nothing of tickets
        JsonNode lookup = VafaServer.json(server.get("/api/pos/lookup?memberId=" + sara, till));
        assertThat(lookup.get("openTickets").findValuesAsText("subject")).contains("گارانتی").doesNotContain("فرش پاره بود");
        server.shell("bundle:stop org.vafa.crm");
        VafaServer.await("the lookup without the CRM", WAIT, () -> {
            try {
                JsonNode l = VafaServer.json(server.get("/api/pos/lookup?memberId=" + sara, till));
                return l.has("openTickets") && l.get("openTickets").isNull();
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(server.post("/api/pos/sales", till, "{\"receipt\": \"S2\", \"memberId\": \"" + sara + "\", \"currency\": \"IRR\","
                + " \"lines\": [{\"sku\": \"tea\", \"category\": \"food\", \"quantity\": 1, \"unitPrice\": 100000}]}").statusCode())
                .isEqualTo(201);
        server.shell("bundle:start org.vafa.crm");
    }

    /** Asks for a code and signs in with it once it comes (a code other than {@code before}); null if asking is refused. */
    private static String signIn(VafaServer server, String mobile, String e164Pattern, VafaServer.IoSupplier<String> outbox, String before)
            throws Exception {
        if (server.post("/api/me/sign-in", null, "{\"mobile\": \"" + mobile + "\"}").statusCode() != 202) {
            return null;
        }
        String code = VafaServer.awaitValue("the code", WAIT, () -> lastMatch(outbox.get(),
                e164Pattern + "\\t.*کد ورود شما به باشگاه: ([0-9]{6})"), c -> c != null && !c.equals(before));
        return VafaServer.json(server.post("/api/me/sign-in/verify", null, "{\"mobile\": \"" + mobile + "\", \"code\": \"" + code
                + "\"}")).get("token").asText();
    }

    private static String lastMatch(String text, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    /** The kinds of a timeline page's entries, but texts (they land when the gateway has sent them, on their own time). */
    private static List<String> kinds(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("entries").forEach(e -> {
            if (!e.get("kind").asText().equals("message")) {
                out.add(e.get("kind").asText());
            }
        });
        return out;
    }
}
