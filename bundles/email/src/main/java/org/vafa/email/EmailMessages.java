package org.vafa.email;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NoSuchBeanException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.attachment.AttachmentMessage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.events.EventHeaders;
import org.vafa.api.plugin.PluginReady;
import org.vafa.club.api.ClubCheckout;
import org.vafa.templates.LiveTemplates;

/**
 * Mail to members and staff, for routes: {@code bean:emailMessages?method=sendToMember} (the event's
 * member, with their address and consent) and {@code method=sendTo} (header {@code VafaEmailTo}), the
 * message type in header {@code VafaMessageType}. Each mail is HTML with a plain-text alternative, from
 * templates {@code <server>/templates/email/<type>.subject|html|txt.<language>.ftl} edited live; files
 * given as {@code attachments: [{name, contentType, base64}]} in the data (or Camel attachments) go
 * along. SMTP goes through camel-mail; a failure is thrown, so the route's subscription tries again.
 */
@Component(service = EmailMessages.class, property = "name=emailMessages", configurationPid = "org.vafa.email",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EmailConfig.class)
public class EmailMessages {
    private static final Logger LOG = LoggerFactory.getLogger(EmailMessages.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ClubCheckout club;
    @Reference(target = "(" + PluginReady.NAME + "=email)")
    private PluginReady ready; // its default templates are seeded

    private volatile EmailConfig config;
    private LiveTemplates templates;
    private Path devFolder;
    /** For the Camel context the routes run in (the exchange's), made on first use. */
    private ProducerTemplate producer;

    public EmailMessages() {
    }

    @Activate
    void activate(EmailConfig config) {
        this.config = config;
        templates = LiveTemplates.forServer("email");
        devFolder = Path.of(System.getProperty("karaf.data", "data"), "email");
    }

    @Modified
    void modified(EmailConfig config) {
        this.config = config;
    }

    @Deactivate
    synchronized void deactivate() throws Exception {
        if (producer != null) {
            producer.close();
        }
    }

    private synchronized ProducerTemplate producer(CamelContext context) {
        if (producer == null || producer.getCamelContext() != context) {
            producer = context.createProducerTemplate();
        }
        return producer;
    }

    /** Outside OSGi (tests). */
    public EmailMessages(ClubCheckout club, EmailConfig config, LiveTemplates templates, Path devFolder) {
        this.club = club;
        this.config = config;
        this.templates = templates;
        this.devFolder = devFolder;
    }

    /** What went out: where to, the subject, and for the dev transport the file. */
    public record Sent(String id, String to, String subject, String file, boolean skipped, String reason) {
    }

    /** For routes: a mail of the type in {@code VafaMessageType} to the member the event is about, if they consented. */
    public Sent sendToMember(Exchange exchange) throws Exception {
        Map<String, Object> data = data(exchange);
        Object memberId = data.getOrDefault("memberId", exchange.getMessage().getHeader(EventHeaders.SUBJECT));
        ClubCheckout c = club;
        if (c == null) {
            throw new NoSuchBeanException("clubCheckout", "the club plugin, to find the member's address and consent");
        }
        ClubCheckout.MemberView member = c.find(null, null, String.valueOf(memberId))
                .orElseThrow(() -> new IllegalArgumentException("No member " + memberId));
        if (member.email() == null || !member.consentEmail()) {
            return new Sent(null, member.email(), null, null, true, member.email() == null ? "no address" : "no consent to email");
        }
        return send(member.email(), type(exchange), Map.of("member", member, "data", data), exchange);
    }

    /** For routes: a mail of the type to the address in header {@code VafaEmailTo} (e.g. a staff member's). */
    public Sent sendTo(Exchange exchange) throws Exception {
        String to = exchange.getMessage().getHeader("VafaEmailTo", String.class);
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("Set the header VafaEmailTo to the address");
        }
        return send(to, type(exchange), Map.of("data", data(exchange)), exchange);
    }

    private Sent send(String to, String type, Map<String, Object> model, Exchange source) throws Exception {
        String language = config.language();
        String subject = templates.render(type + ".subject", language, model);
        String html = templates.render(type + ".html", language, model);
        String text = templates.render(type + ".txt", language, model);
        List<Attachment> attachments = attachments(model);
        String id = source == null ? UUID.randomUUID().toString()
                : String.valueOf(source.getMessage().getHeader(EventHeaders.ID, UUID.randomUUID().toString(), String.class));
        if ("smtp".equals(config.transport())) {
            smtp(source.getContext(), to, subject, html, text, attachments, id);
            LOG.info("Email {} to {} sent: {}", type, to, subject);
            return new Sent(id, to, subject, null, false, null);
        }
        Path file = devFolder.resolve(Instant.now().toEpochMilli() + "-" + type + ".eml");
        Files.createDirectories(devFolder);
        try (OutputStream out = Files.newOutputStream(file)) {
            mime(to, subject, html, text, attachments, id).writeTo(out);
        }
        LOG.info("Email {} to {} written to {} (dev transport)", type, to, file);
        return new Sent(id, to, subject, file.toString(), false, null);
    }

    /** Through camel-mail: the HTML body with the text as its alternative, and the attachments. */
    private void smtp(CamelContext context, String to, String subject, String html, String text, List<Attachment> attachments, String id) {
        // the password goes into the endpoint as RAW(...); Camel masks passwords in the URIs it logs
        EmailConfig c = config;
        StringBuilder uri = new StringBuilder(c.smtpProtocol()).append("://").append(c.smtpHost()).append(':').append(c.smtpPort())
                .append("?contentType=").append(URLEncoder.encode("text/html; charset=UTF-8", StandardCharsets.UTF_8))
                .append("&mail.smtp.starttls.enable=").append(c.startTls());
        if (!c.username().isBlank()) {
            uri.append("&username=").append(URLEncoder.encode(c.username(), StandardCharsets.UTF_8))
                    .append("&password=RAW(").append(c.password()).append(')');
        }
        Exchange sent = producer(context).send(uri.toString(), exchange -> {
            var m = exchange.getMessage();
            m.setHeader("From", c.from());
            m.setHeader("To", to);
            m.setHeader("Subject", subject);
            m.setHeader("Message-ID", "<" + id + "@vafa>");
            m.setHeader("CamelMailAlternativeBody", text);
            m.setBody(html);
            if (!attachments.isEmpty()) {
                AttachmentMessage withFiles = exchange.getMessage(AttachmentMessage.class);
                for (Attachment a : attachments) {
                    withFiles.addAttachment(a.name(), new DataHandler(new ByteArrayDataSource(a.content(), a.contentType())));
                }
            }
        });
        if (sent.getException() != null) { // the route's subscription tries again later
            throw new IllegalStateException("SMTP " + c.smtpHost() + ":" + c.smtpPort() + " refused the mail: "
                    + sent.getException().getMessage(), sent.getException());
        }
    }

    /** The same mail as a MIME message (the dev transport's .eml). */
    private MimeMessage mime(String to, String subject, String html, String text, List<Attachment> attachments, String id)
            throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", "<" + id + "@vafa>");
            }
        };
        mail.setFrom(new InternetAddress(config.from()));
        mail.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        mail.setSubject(subject, "UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setContent(html, "text/html; charset=UTF-8");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(rich);
        if (attachments.isEmpty()) {
            mail.setContent(alternative);
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            mixed.addBodyPart(body);
            for (Attachment a : attachments) {
                MimeBodyPart file = new MimeBodyPart();
                file.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.contentType())));
                file.setFileName(a.name());
                mixed.addBodyPart(file);
            }
            mail.setContent(mixed);
        }
        mail.saveChanges();
        return mail;
    }

    record Attachment(String name, String contentType, byte[] content) {
    }

    @SuppressWarnings("unchecked")
    private static List<Attachment> attachments(Map<String, Object> model) {
        List<Attachment> out = new java.util.ArrayList<>();
        Object data = model.get("data");
        if (data instanceof Map<?, ?> map && map.get("attachments") instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> a = (Map<String, Object>) o;
                out.add(new Attachment(String.valueOf(a.get("name")), String.valueOf(a.getOrDefault("contentType", "application/octet-stream")),
                        Base64.getDecoder().decode(String.valueOf(a.get("base64")))));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        return body instanceof Map<?, ?> map ? new HashMap<>((Map<String, Object>) map) : new HashMap<>();
    }

    private static String type(Exchange exchange) {
        String type = exchange.getMessage().getHeader("VafaMessageType", String.class);
        if (type == null || !type.matches("[a-z0-9][a-z0-9-]{0,59}")) {
            throw new IllegalArgumentException("Set the header VafaMessageType to the mail's type (its templates' name)");
        }
        return type;
    }
}
