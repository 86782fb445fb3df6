package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vafa.sms.smpp.SmscServer;

/**
 * The SMPP adapter on the built distribution against a real SMPP server (jSMPP) in the test: installed
 * and made the active gateway while the server runs; a long Persian text arrives whole in UCS-2 parts;
 * the SMSC's delivery receipt marks it DELIVERED; «لغو» sent from the phone opts the number out.
 */
class SmppIT {

    @Test
    void aPersianTextGoesOutOverSmppAndTheReceiptAndTheStopComeBack() throws Exception {
        try (SmscServer smsc = new SmscServer(); VafaServer server = VafaServer.fresh(getClass().getSimpleName())) {
            server.start();
            String key = server.apiKey();
            Files.writeString(server.home.resolve("etc/org.vafa.sms.smpp.cfg"), "host = 127.0.0.1\nport = " + smsc.port()
                    + "\nsystemId = vafa\npassword = s3cr3t!8\nsourceAddress = 3000123\n");
            server.shell("feature:install vafa-sms-smpp");
            VafaServer.await("the receiver bound", Duration.ofSeconds(30), smsc::receiverBound);
            server.shell("config:property-set -p org.vafa.sms gateway smpp");
            VafaServer.await("smpp active", Duration.ofSeconds(10), () -> {
                try {
                    JsonNode status = VafaServer.json(server.get("/api/sms/status", key));
                    return status.get("active").asText().equals("smpp") && status.get("ready").asBoolean();
                } catch (Exception e) {
                    return false;
                }
            });
            String text = ("سارا عزیز، " + "۱۲۰ امتیاز به کارت باشگاه شما اضافه شد. ".repeat(3)).strip();
            String id = VafaServer.json(server.post("/api/sms/messages", key, "{\"to\": \"09121234567\", \"text\": \"" + text + "\"}"))
                    .get("id").asText();
            VafaServer.await("the text at the SMSC", Duration.ofSeconds(20), () -> smsc.text("989121234567").equals(text));
            assertThat(smsc.parts()).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.dataCoding() & 0x0f).isEqualTo(8));

            VafaServer.await("SENT", Duration.ofSeconds(10), () -> status(server, key, id).equals("SENT"));
            String smscId = VafaServer.json(server.get("/api/sms/messages/" + id, key)).get("gatewayMessageId").asText();
            assertThat(smscId).as("the message goes by its first part's id").isEqualTo(smsc.parts().get(0).id());
            // the SMSC sends a receipt per part, in any order: delivered once all parts are
            for (int i = smsc.parts().size() - 1; i >= 0; i--) {
                smsc.deliveryReceipt(smsc.parts().get(i).id(), "989121234567", true);
            }
            VafaServer.await("DELIVERED", Duration.ofSeconds(20), () -> status(server, key, id).equals("DELIVERED"));

            smsc.inbound("989121234567", "3000123", "لغو");
            VafaServer.await("opted out", Duration.ofSeconds(20), () -> {
                try {
                    return VafaServer.json(server.get("/api/sms/messages?phone=09121234567", key)).get(0).get("direction").asText()
                            .equals("IN");
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(server.events("sms.opted-out")).hasSize(1);
            assertThat(Files.readString(server.home.resolve("data/log/karaf.log"))).as("the password is never logged")
                    .doesNotContain("s3cr3t!8");
        }
    }

    private static String status(VafaServer server, String key, String id) {
        try {
            return VafaServer.json(server.get("/api/sms/messages/" + id, key)).get("status").asText();
        } catch (Exception e) {
            return "";
        }
    }
}
