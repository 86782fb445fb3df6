package org.vafa.itest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.vafa.sms.kavenegar.KavenegarApiServer;

/**
 * {@link CrmIT} with the server on PostgreSQL, and every text (the expert's, the codes, the links) through a real
 * adapter: the Kavenegar gateway, against a local server that follows Kavenegar's documented API.
 */
class CrmPostgresIT extends CrmIT {
    private Postgres database;
    private KavenegarApiServer kavenegar;

    @Override
    Map<String, String> serverEnv() throws Exception {
        database = Postgres.freshDatabase("vafa_crm_it");
        return database.serverEnv();
    }

    @Override
    VafaServer.IoSupplier<String> smsPeer(VafaServer server) throws Exception {
        kavenegar = new KavenegarApiServer("TEST-KEY-CRM1");
        Files.writeString(server.home.resolve("etc/org.vafa.sms.kavenegar.cfg"), "apiKey = " + kavenegar.key() + "\nbaseUrl = "
                + kavenegar.baseUrl() + "\nsender = 10004346\nstatusPollSeconds = 1\n");
        server.shell("feature:install vafa-sms-kavenegar");
        String key = server.apiKey();
        VafaServer.await("the Kavenegar adapter installed", Duration.ofSeconds(30), () -> {
            try {
                return VafaServer.json(server.get("/api/sms/status", key)).get("installed").toString().contains("kavenegar");
            } catch (Exception e) {
                return false;
            }
        });
        server.shell("config:property-set -p org.vafa.sms gateway kavenegar");
        VafaServer.await("Kavenegar in use", Duration.ofSeconds(30), () -> {
            try {
                JsonNode status = VafaServer.json(server.get("/api/sms/status", key));
                return status.get("active").asText().equals("kavenegar") && status.get("ready").asBoolean();
            } catch (Exception e) {
                return false;
            }
        });
        return () -> kavenegar.sent().stream().map(m -> e164(m.get("receptor")) + "\t" + m.get("message").replace("\n", "\\n"))
                .collect(Collectors.joining("\n"));
    }

    private static String e164(String receptor) {
        return receptor.startsWith("0") ? "+98" + receptor.substring(1) : receptor.startsWith("98") ? "+" + receptor : receptor;
    }

    @Override
    void cleanUp() throws Exception {
        if (kavenegar != null) {
            kavenegar.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
