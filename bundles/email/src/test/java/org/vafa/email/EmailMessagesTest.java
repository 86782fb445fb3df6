package org.vafa.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vafa.core.contacts.ContactDirectory;
import org.vafa.core.locale.VafaLocale;
import org.vafa.email.api.EmailTransport;
import org.vafa.email.transports.DevTransport;
import org.vafa.email.transports.SmtpConfig;
import org.vafa.email.transports.SmtpTransport;
import org.vafa.templates.LiveTemplates;

/** Mail through camel-mail to a real SMTP server (GreenMail) in the test, with the shipped Persian templates. */
class EmailMessagesTest {
    private static final Path SHIPPED = Path.of("src/main/resources/templates/email");

    @TempDir
    Path temp;
    private GreenMail smtp;
    private DefaultCamelContext camel;

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        smtp.stop();
    }

    /** The plugin as on the server: the platform's directory and locale, the dev and SMTP transports, one of them chosen. */
    private EmailMessages email(String transport) {
        EmailConfig config = new EmailConfig() {
            public Class<? extends Annotation> annotationType() { return EmailConfig.class; }
            public String transport() { return transport; }
            public String from() { return "باشگاه <club@example.com>"; }
        };
        int port = smtp.getSmtp().getPort();
        SmtpConfig smtpConfig = new SmtpConfig() {
            public Class<? extends Annotation> annotationType() { return SmtpConfig.class; }
            public String host() { return "127.0.0.1"; }
            public int port() { return port; }
            public String protocol() { return "smtp"; }
            public boolean startTls() { return false; }
            public String username() { return ""; }
            public String password() { return ""; }
        };
        EmailMessages email = new EmailMessages(new ContactDirectory(VafaLocale.defaults()), VafaLocale.defaults(), config,
                new LiveTemplates(SHIPPED));
        email.addTransport(new SmtpTransport(camel, smtpConfig), Map.of(EmailTransport.NAME, "smtp"));
        email.addTransport(new DevTransport(temp), Map.of(EmailTransport.NAME, "dev"));
        return email;
    }

    private Exchange event(String type, Map<String, Object> data) {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setHeader("VafaMessageType", type);
        e.getMessage().setHeader("VafaEmailTo", "sara@example.com");
        e.getMessage().setBody(data);
        return e;
    }

    @Test
    void aPersianRightToLeftMailWithItsTextAlternativeAndAnAttachmentReachesTheSmtpServer() throws Exception {
        EmailMessages email = email("smtp");
        byte[] pdf = "%PDF-1.4 invoice".getBytes(StandardCharsets.US_ASCII);
        Map<String, Object> data = Map.of("member", Map.of(), "to", "gold", "from", "silver",
                "attachments", List.of(Map.of("name", "invoice-1405.pdf", "contentType", "application/pdf",
                        "base64", Base64.getEncoder().encodeToString(pdf))));
        email.sendTo(event("staff-notice", data));

        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("اطلاعیه باشگاه: سطح gold");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("sara@example.com");
        MimeMultipart mixed = (MimeMultipart) mail.getContent();
        String all = describe(mixed);
        assertThat(all).contains("text/plain").contains("text/html").contains("dir=\"rtl\"").contains("سطح شما از silver به gold");
        assertThat(all).contains("invoice-1405.pdf");
    }

    @Test
    void theDevTransportWritesTheMailAsAnEmlFile() throws Exception {
        EmailMessages email = email("dev");
        EmailMessages.Sent sent = email.sendTo(event("staff-notice", Map.of("to", "gold", "from", "silver")));
        String eml = Files.readString(Path.of(sent.where()), StandardCharsets.UTF_8);
        assertThat(eml).contains("To: sara@example.com").contains("multipart/alternative");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    private static String describe(MimeMultipart multipart) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            b.append(part.getContentType()).append(' ').append(part.getFileName()).append('\n');
            Object content = part.getContent();
            if (content instanceof MimeMultipart nested) {
                b.append(describe(nested));
            } else if (content instanceof String text) {
                b.append(text).append('\n');
            }
        }
        return b.toString();
    }
}
