package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A member's personal data on the built distribution: a member with purchases at two tills, points, vouchers,
 * stored value, texts and mail is exported (a section per plugin) and erased while the SMS plugin is stopped; the
 * erasure completes when it returns, no table and no event still holds her name, mobile or birth date, the reports
 * still add up, her opt-out still holds and her number registers afresh. {@link PersonalDataPostgresIT} runs the
 * same on PostgreSQL.
 */
class PersonalDataIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> HER_TRACES = List.of("سارا", "احمدی", "9121234567", "sara.ahmadi@example.com", "1991-08-03",
            "1370-05-12");

    Map<String, String> serverEnv() throws Exception {
        return Map.of();
    }

    /** A connection to the server's database (the server is stopped for H2, whose file it locks). */
    Connection database(VafaServer server) throws Exception {
        Path file = server.home.resolve("data/vafa/vafa");
        return DriverManager.getConnection("jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "", "");
    }

    void cleanUp() throws Exception {
    }

    @Test
    void aMemberIsExportedAndErasedEverywhereAndHerNumberIsFreeAgain() throws Exception {
        try (VafaServer server = VafaServer.fresh(getClass().getSimpleName(), serverEnv())) {
            server.start();
            String admin = server.apiKey();
            String rules = Files.readString(Path.of(System.getProperty("vafa.rules"), "iranian-shop.json"));
            assertThat(server.put("/api/club/rules", admin, rules).statusCode()).isEqualTo(200);
            server.post("/api/pos/branches", admin, "{\"code\": \"tehran-1\", \"name\": \"شعبه ونک\"}");
            server.post("/api/pos/branches", admin, "{\"code\": \"shiraz-1\", \"name\": \"Shiraz\"}");
            String till1 = terminalKey(server, admin, "tehran-1");
            String till2 = terminalKey(server, admin, "shiraz-1");

            JsonNode sara = VafaServer.json(server.post("/api/club/members", admin, "{\"firstName\": \"سارا\", \"lastName\": \"احمدی\","
                    + " \"mobile\": \"09121234567\", \"email\": \"sara.ahmadi@example.com\", \"birthDate\": \"1370-05-12\","
                    + " \"gender\": \"female\", \"city\": \"تهران\", \"consents\": {\"sms\": true, \"email\": true}}"));
            String id = sara.get("id").asText();
            String card = sara.at("/cards/0").asText();
            server.post("/api/club/members/" + id + "/points/earn", admin, "{\"points\": 300, \"source\": \"bonus:opening\"}");
            server.post("/api/club/members/" + id + "/points/adjust", admin, "{\"points\": 5, \"reason\": \"سارا تماس گرفت\"}");
            server.post("/api/club/members/" + id + "/stored-value/charge", admin,
                    "{\"amount\": 2000000, \"currency\": \"IRR\", \"source\": \"pay:1\"}");
            String batch = VafaServer.json(server.post("/api/club/voucher-batches", admin,
                    "{\"name\": \"Hers\", \"kind\": \"amount\", \"value\": 100000, \"memberIds\": [\"" + id + "\"]}")).get("id").asText();
            String voucher = VafaServer.json(server.get("/api/club/voucher-batches/" + batch + "/codes", admin)).get(0).get("code").asText();
            HttpResponse<String> sale1 = server.post("/api/pos/sales", till1, "{\"receipt\": \"T1-1\", \"card\": \"" + card + "\","
                    + " \"currency\": \"IRR\", \"lines\": [{\"sku\": \"tea\", \"category\": \"food\", \"quantity\": 2, \"unitPrice\": 4500000}],"
                    + " \"vouchers\": [\"" + voucher + "\"], \"points\": 200, \"storedValue\": 500000}");
            assertThat(sale1.statusCode()).as(sale1.body()).isEqualTo(201);
            HttpResponse<String> sale2 = server.post("/api/pos/sales", till2, "{\"receipt\": \"S1-1\", \"mobile\": \"0912 123 4567\","
                    + " \"currency\": \"IRR\", \"lines\": [{\"sku\": \"rug\", \"category\": \"home\", \"quantity\": 1, \"unitPrice\": 3000000}]}");
            assertThat(sale2.statusCode()).as(sale2.body()).isEqualTo(201);
            // a tier set by hand mails her (the email plugin's file transport), and she texts «لغو»
            server.put("/api/club/members/" + id + "/tier", admin, "{\"tier\": \"gold\", \"reason\": \"VIP\"}");
            Path mails = server.home.resolve("data/email");
            VafaServer.await("her tier mail", WAIT, () -> mailFiles(mails) > 0);
            assertThat(server.post("/api/sms/inbound", admin, "{\"from\": \"+989121234567\", \"text\": \"لغو\"}").statusCode()).isEqualTo(201);
            VafaServer.awaitValue("her welcome text", WAIT, () -> VafaServer.json(server.get("/api/sms/messages?memberId=" + id, admin)),
                    box -> box.isArray() && box.size() > 0);

            JsonNode export = VafaServer.json(server.get("/api/admin/members/" + id + "/personal-data", admin));
            for (String plugin : List.of("club", "pos", "crm", "sms", "email", "platform")) {
                assertThat(export.at("/sections/" + plugin + "/installed").asBoolean()).as(plugin).isTrue();
            }
            assertThat(export.at("/sections/club/data/member/firstName").asText()).isEqualTo("سارا");
            assertThat(export.at("/sections/club/data/member/birthDate/jalali").asText()).isEqualTo("1370-05-12");
            assertThat(export.at("/sections/pos/data/sales")).hasSize(2);
            assertThat(export.at("/sections/sms/data/optOuts")).hasSize(1);
            assertThat(export.at("/sections/email/data/mails").size()).isPositive();
            assertThat(export.at("/summary/fa").toString()).contains("خرید در صندوق‌ها");
            assertThat(server.get("/api/admin/members/" + id + "/personal-data", till1).statusCode()).as("a till's key").isEqualTo(403);
            JsonNode pointsBefore = VafaServer.json(server.get("/api/club/reports/points", admin));
            JsonNode membersBefore = VafaServer.json(server.get("/api/club/reports/members", admin));

            // the SMS plugin is stopped: its part waits for it
            server.shell("bundle:stop org.vafa.sms");
            assertThat(server.delete("/api/admin/members/" + id + "/personal-data", admin).statusCode()).as("no reason").isEqualTo(400);
            HttpResponse<String> erased = server.delete("/api/admin/members/" + id + "/personal-data?reason=asked%20by%20phone", admin);
            assertThat(erased.statusCode()).as(erased.body()).isEqualTo(202);
            JsonNode parts = VafaServer.json(erased).get("parts");
            assertThat(parts.toString()).contains("\"plugin\":\"sms\",\"done\":false").contains("\"plugin\":\"club\",\"done\":true");
            server.shell("bundle:start org.vafa.sms");
            VafaServer.awaitValue("the erasure complete", WAIT,
                    () -> VafaServer.json(server.get("/api/admin/members/" + id + "/personal-data", admin)).at("/erasure/completedAt"),
                    done -> done.isTextual());
            assertThat(mailFiles(mails)).isZero();
            assertThat(VafaServer.json(server.get("/api/club/reports/points", admin))).isEqualTo(pointsBefore);
            JsonNode membersAfter = VafaServer.json(server.get("/api/club/reports/members", admin));
            assertThat(membersAfter.at("/byStatus/erased").asLong()).isEqualTo(1);
            assertThat(membersAfter.get("total").asLong()).isEqualTo(membersBefore.get("total").asLong() - 1);

            // nothing anywhere still names her
            server.stop();
            try (Connection c = database(server)) {
                assertThat(traces(c)).isEmpty();
            }
            server.start();

            // her number is free: a new member; her opt-out still holds, so the welcome text is not sent
            HttpResponse<String> again = server.post("/api/club/members", admin,
                    "{\"firstName\": \"سارا\", \"lastName\": \"احمدی\", \"mobile\": \"09121234567\", \"consents\": {\"sms\": true}}");
            assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
            String newId = VafaServer.json(again).get("id").asText();
            assertThat(newId).isNotEqualTo(id);
            JsonNode welcome = VafaServer.awaitValue("the new member's welcome", WAIT,
                    () -> VafaServer.json(server.get("/api/sms/messages?memberId=" + newId, admin)), box -> box.isArray() && box.size() > 0);
            assertThat(welcome.get(0).get("status").asText()).isEqualTo("SKIPPED");
            assertThat(welcome.get(0).get("reason").asText()).contains("opted out");
            assertThat(VafaServer.json(server.get("/api/club/members/" + id, admin)).get("status").asText()).isEqualTo("erased");
            assertThat(server.post("/api/club/members/" + id + "/rejoin", admin, "{}").statusCode()).isEqualTo(409);
        } finally {
            cleanUp();
        }
    }

    private static String terminalKey(VafaServer server, String admin, String branch) throws Exception {
        HttpResponse<String> created = server.post("/api/pos/branches/" + branch + "/terminals", admin, "{\"name\": \"till-1\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return VafaServer.json(created).get("apiKey").asText();
    }

    private static long mailFiles(Path folder) {
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".eml")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** Every column of every table, as text, that holds one of her traces: "table.column: trace". */
    private static List<String> traces(Connection c) throws Exception {
        List<String[]> columns = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT table_name, column_name FROM information_schema.columns"
                + " WHERE LOWER(table_schema) = 'public'")) {
            while (rs.next()) {
                columns.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        assertThat(columns).as("the tables were found").hasSizeGreaterThan(50);
        List<String> found = new ArrayList<>();
        for (String[] column : columns) {
            for (String trace : HER_TRACES) {
                try (var ps = c.prepareStatement("SELECT COUNT(*) FROM " + column[0] + " WHERE CAST(" + column[1] + " AS VARCHAR) LIKE ?")) {
                    ps.setString(1, "%" + trace + "%");
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.add(column[0] + "." + column[1] + ": " + trace);
                        }
                    }
                }
            }
        }
        return found;
    }
}
