package org.vafa.email;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.NoSuchBeanException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.contacts.Contact;
import org.vafa.api.contacts.Contacts;
import org.vafa.api.events.EventHeaders;
import org.vafa.api.locale.PlatformLocale;
import org.vafa.api.plugin.PluginReady;
import org.vafa.email.api.EmailTransport;
import org.vafa.templates.LiveTemplates;

/**
 * Mail to members and staff, for routes: {@code bean:emailMessages?method=sendToMember} (the event's
 * member, with their address and consent) and {@code method=sendTo} (header {@code VafaEmailTo}: an address or a
 * contact reference such as {@code staff:sara}), the message type in header {@code VafaMessageType}. Each mail is
 * HTML with a plain-text alternative, from templates {@code <server>/templates/email/<type>.subject|html|txt.<language>.ftl}
 * edited live; files given as {@code attachments: [{name, contentType, base64}]} in the data go along. The mail
 * leaves through the {@link EmailTransport} named in the configuration; a failure is thrown, so the route's
 * subscription tries again.
 */
@Component(service = EmailMessages.class, property = "name=emailMessages", configurationPid = "org.vafa.email",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EmailConfig.class)
public class EmailMessages {
    private static final Logger LOG = LoggerFactory.getLogger(EmailMessages.class);

    private final Contacts contacts;
    private final PlatformLocale locale;
    private final LiveTemplates templates;
    private final Map<String, EmailTransport> transports = new ConcurrentHashMap<>();
    private volatile EmailConfig config;

    @Activate
    public EmailMessages(@Reference Contacts contacts, @Reference PlatformLocale locale,
                         @Reference(target = "(" + PluginReady.NAME + "=email)") PluginReady ready, EmailConfig config) {
        this(contacts, locale, config, LiveTemplates.forServer("email")); // ready: the default templates are seeded
    }

    /** Outside OSGi (tests); add transports with {@link #addTransport}. */
    public EmailMessages(Contacts contacts, PlatformLocale locale, EmailConfig config, LiveTemplates templates) {
        this.contacts = contacts;
        this.locale = locale;
        this.config = config;
        this.templates = templates;
    }

    @Modified
    void modified(EmailConfig changed) {
        config = changed;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addTransport(EmailTransport transport, Map<String, Object> properties) {
        Object name = properties.get(EmailTransport.NAME);
        if (name != null) {
            transports.put(name.toString(), transport);
        }
    }

    public void removeTransport(EmailTransport transport, Map<String, Object> properties) {
        Object name = properties.get(EmailTransport.NAME);
        if (name != null) {
            transports.remove(name.toString(), transport);
        }
    }

    /** What went out: where to, the subject, and where the transport put it. */
    public record Sent(String id, String to, String subject, String where, boolean skipped, String reason) {
    }

    /** For routes: a mail of the type in {@code VafaMessageType} to the member the event is about, if they consented. */
    public Sent sendToMember(Exchange exchange) throws Exception {
        Map<String, Object> data = data(exchange);
        Object memberId = data.getOrDefault("memberId", exchange.getMessage().getHeader(EventHeaders.SUBJECT));
        Contact member = contact("member:" + memberId).orElseThrow(() -> new IllegalArgumentException("No member " + memberId));
        if (member.email() == null || !member.consentEmail()) {
            return new Sent(null, member.email(), null, null, true, member.email() == null ? "no address" : "no consent to email");
        }
        return send(member.email(), type(exchange), member.language(), Map.of("member", member.details(), "data", data), exchange);
    }

    /** For routes: a mail of the type to the header {@code VafaEmailTo}: an address, or a reference like {@code staff:sara}. */
    public Sent sendTo(Exchange exchange) throws Exception {
        String to = exchange.getMessage().getHeader("VafaEmailTo", String.class);
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("Set the header VafaEmailTo to the address");
        }
        Map<String, Object> data = data(exchange);
        String reference = to.strip().matches("[a-z][a-z0-9]*:.+") ? to.strip() : "mailto:" + to.strip();
        Contact contact = contact(reference).orElseThrow(() -> new IllegalArgumentException("No contact " + reference));
        if (contact.email() == null) {
            return new Sent(null, null, null, null, true, "no address for " + reference);
        }
        return send(contact.email(), type(exchange), contact.language(), Map.of("data", data, "contact", contact.details()), exchange);
    }

    /** While no installed plugin holds people of the reference's kind, the route's subscription waits as for a missing bean. */
    private Optional<Contact> contact(String reference) {
        try {
            return contacts.resolve(reference);
        } catch (Contacts.KindNotInstalled e) {
            throw new NoSuchBeanException(e.beanName(), "a plugin that holds " + e.kind() + " contacts");
        }
    }

    private Sent send(String to, String type, String language, Map<String, Object> model, Exchange source) throws Exception {
        EmailConfig c = config;
        EmailTransport transport = transports.get(c.transport());
        if (transport == null) { // installed later, or being replaced: the subscription waits for it
            throw new NoSuchBeanException("emailTransport" + Character.toUpperCase(c.transport().charAt(0)) + c.transport().substring(1),
                    "the email transport '" + c.transport() + "' (org.vafa.email transport)");
        }
        String lang = language != null ? language : locale.language();
        String subject = templates.render(type + ".subject", lang, model);
        String html = templates.render(type + ".html", lang, model);
        String text = templates.render(type + ".txt", lang, model);
        String id = source == null ? UUID.randomUUID().toString()
                : String.valueOf(source.getMessage().getHeader(EventHeaders.ID, UUID.randomUUID().toString(), String.class));
        EmailTransport.Sent sent = transport.send(new EmailTransport.Mail(id, c.from(), to, subject, html, text, attachments(model)));
        LOG.info("Email {} to {} sent through {} ({}): {}", type, to, c.transport(), sent.where(), subject);
        return new Sent(id, to, subject, sent.where(), false, null);
    }

    @SuppressWarnings("unchecked")
    private static List<EmailTransport.Attachment> attachments(Map<String, Object> model) {
        List<EmailTransport.Attachment> out = new java.util.ArrayList<>();
        Object data = model.get("data");
        if (data instanceof Map<?, ?> map && map.get("attachments") instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> a = (Map<String, Object>) o;
                out.add(new EmailTransport.Attachment(String.valueOf(a.get("name")), String.valueOf(a.getOrDefault("contentType", "application/octet-stream")),
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
