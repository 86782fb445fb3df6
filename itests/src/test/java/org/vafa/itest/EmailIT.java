package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Mail on the built distribution through a real SMTP server in the test (GreenMail): a member's tier
 * raised by staff → the shipped route mails them a Persian right-to-left HTML mail with a text
 * alternative; a member without consent gets none.
 */
class EmailIT {

    @Test
    void aTierUpgradeMailsTheMemberInPersianRightToLeft() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (VafaServer server = VafaServer.fresh(getClass().getSimpleName())) {
            server.config("org.vafa.email", "transport = smtp\nfrom = Club <club@example.com>\n");
            server.config("org.vafa.email.smtp", "host = 127.0.0.1\nport = " + smtp.getSmtp().getPort() + "\n");
            server.start();
            String key = server.apiKey();
            String shop = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("vafa.rules"), "iranian-shop.json"));
            assertThat(server.put("/api/club/rules", key, shop).statusCode()).isEqualTo(200);
            HttpResponse<String> sara = server.post("/api/club/members", key, "{\"firstName\": \"سارا\", \"lastName\": \"احمدی\","
                    + " \"mobile\": \"09121234567\", \"email\": \"sara@example.com\", \"consents\": {\"email\": true}}");
            String saraId = VafaServer.json(sara).get("id").asText();
            String reza = VafaServer.json(server.post("/api/club/members", key, "{\"firstName\": \"رضا\", \"lastName\": \"رادمنش\","
                    + " \"mobile\": \"09121234568\", \"email\": \"reza@example.com\"}")).get("id").asText();
            assertThat(server.put("/api/club/members/" + saraId + "/tier", key, "{\"tier\": \"gold\", \"reason\": \"VIP\"}").statusCode())
                    .isEqualTo(200);
            assertThat(server.put("/api/club/members/" + reza + "/tier", key, "{\"tier\": \"gold\", \"reason\": \"VIP\"}").statusCode())
                    .isEqualTo(200);

            assertThat(smtp.waitForIncomingEmail(20_000, 1)).as("the tier-upgrade mail").isTrue();
            server.awaitHandled("email-tier-upgrade"); // and no second one (Reza did not consent)
            MimeMessage[] mails = smtp.getReceivedMessages();
            assertThat(mails).hasSize(1);
            MimeMessage mail = mails[0];
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("sara@example.com");
            assertThat(mail.getSubject()).isEqualTo("سارا عزیز، سطح شما در باشگاه gold شد");
            MimeMultipart body = (MimeMultipart) mail.getContent();
            StringBuilder parts = new StringBuilder();
            collect(body, parts);
            assertThat(parts.toString()).contains("text/plain").contains("text/html").contains("dir=\"rtl\"")
                    .contains("از <b>bronze</b> به <b>gold</b>");
        } finally {
            smtp.stop();
        }
    }

    private static void collect(MimeMultipart multipart, StringBuilder out) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            out.append(multipart.getBodyPart(i).getContentType()).append('\n');
            Object content = multipart.getBodyPart(i).getContent();
            if (content instanceof MimeMultipart nested) {
                collect(nested, out);
            } else {
                out.append(content).append('\n');
            }
        }
    }
}
