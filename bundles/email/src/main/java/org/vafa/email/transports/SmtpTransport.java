package org.vafa.email.transports;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.attachment.AttachmentMessage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.vafa.email.api.EmailTransport;

/** Mail through an SMTP server with camel-mail (PID {@code org.vafa.email.smtp}). */
@Component(service = EmailTransport.class, property = {EmailTransport.NAME + "=smtp", "name=emailTransportSmtp"},
        configurationPid = "org.vafa.email.smtp", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SmtpConfig.class)
public class SmtpTransport implements EmailTransport {
    private final ProducerTemplate producer;
    private volatile SmtpConfig config;

    @Activate
    public SmtpTransport(@Reference(target = "(name=vafa)") CamelContext camel, SmtpConfig config) {
        this.producer = camel.createProducerTemplate();
        this.config = config;
    }

    @Modified
    void modified(SmtpConfig changed) {
        config = changed;
    }

    @Deactivate
    void deactivate() throws Exception {
        producer.close();
    }

    @Override
    public Sent send(Mail mail) {
        // the password goes into the endpoint as RAW(...); Camel masks passwords in the URIs it logs
        SmtpConfig c = config;
        StringBuilder uri = new StringBuilder(c.protocol()).append("://").append(c.host()).append(':').append(c.port())
                .append("?contentType=").append(URLEncoder.encode("text/html; charset=UTF-8", StandardCharsets.UTF_8))
                .append("&mail.smtp.starttls.enable=").append(c.startTls());
        if (!c.username().isBlank()) {
            uri.append("&username=").append(URLEncoder.encode(c.username(), StandardCharsets.UTF_8))
                    .append("&password=RAW(").append(c.password()).append(')');
        }
        Exchange sent = producer.send(uri.toString(), exchange -> {
            var m = exchange.getMessage();
            m.setHeader("From", mail.from());
            m.setHeader("To", mail.to());
            m.setHeader("Subject", mail.subject());
            m.setHeader("Message-ID", "<" + mail.id() + "@vafa>");
            m.setHeader("CamelMailAlternativeBody", mail.text());
            m.setBody(mail.html());
            if (!mail.attachments().isEmpty()) {
                AttachmentMessage withFiles = exchange.getMessage(AttachmentMessage.class);
                for (Attachment a : mail.attachments()) {
                    withFiles.addAttachment(a.name(), new jakarta.activation.DataHandler(
                            new jakarta.mail.util.ByteArrayDataSource(a.content(), a.contentType())));
                }
            }
        });
        if (sent.getException() != null) {
            throw new IllegalStateException("SMTP " + c.host() + ":" + c.port() + " refused the mail: " + sent.getException().getMessage(),
                    sent.getException());
        }
        return new Sent(c.host() + ":" + c.port());
    }
}
