package org.vafa.sms.smpp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.smpp.SmppConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.sms.api.SmsDeliveryReports;
import org.vafa.sms.api.SmsGateway;

/**
 * An SMSC over SMPP 3.4 through camel-smpp: messages are submitted as UCS-2 when the text needs it
 * (Persian), long ones split by camel-smpp with concatenation headers, with a delivery receipt asked
 * for; a route of this component receives the receipts and inbound texts and reports them to the SMS
 * plugin. An SMSC that is down or throttling (ESME_RTHROTTLED, ESME_RMSGQFUL, ESME_RSYSERR) makes the
 * outbox try again; any other negative answer (a bad number, say) refuses the message for good.
 */
@Component(service = {SmsGateway.class, RoutesBuilder.class}, property = "gateway=smpp", configurationPid = "org.vafa.sms.smpp",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SmppConfig.class)
public class SmppGateway extends RouteBuilder implements SmsGateway {
    private static final Logger LOG = LoggerFactory.getLogger(SmppGateway.class);
    private static final Pattern NEGATIVE = Pattern.compile("[Nn]egative response ([0-9a-fA-F]{1,8})");
    /** Throttled, message queue full, system error: the SMSC may take it later. */
    private static final List<Integer> LATER = List.of(0x58, 0x14, 0x08);

    @Reference
    private SmsDeliveryReports reports;

    private String uri;
    private String sourceAddress;
    private volatile ProducerTemplate producer;
    private final ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vafa-smpp-receiver");
        t.setDaemon(true);
        return t;
    });
    private static final String RECEIVER = "sms-smpp-receiver";

    public SmppGateway() {
    }

    @Activate
    void activate(SmppConfig config) {
        configure(config.host(), config.port(), config.systemId(), config.password(), config.systemType(), config.sourceAddress(),
                config.enquireLinkTimer());
    }

    /** Outside OSGi (tests): add this as routes to a Camel context, which then gives it its producer. */
    public SmppGateway(SmsDeliveryReports reports, String host, int port, String systemId, String password, String sourceAddress) {
        this.reports = reports;
        configure(host, port, systemId, password, "", sourceAddress, 30000);
    }

    private void configure(String host, int port, String systemId, String password, String systemType, String source, int enquireLink) {
        if (host == null || host.isBlank() || systemId == null || systemId.isBlank()) {
            throw new IllegalStateException("org.vafa.sms.smpp: host and systemId are required");
        }
        // SMPP 3.4 limits (checked here: jSMPP would put the refused value, the password, in its log)
        if (systemId.length() > 15 || (password != null && password.length() > 8)) {
            throw new IllegalStateException("org.vafa.sms.smpp: SMPP 3.4 allows a systemId of at most 15 characters and a"
                    + " password of at most 8");
        }
        uri = "smpp://" + URLEncoder.encode(systemId, StandardCharsets.UTF_8) + "@" + host + ":" + port
                + "?password=RAW(" + (password == null ? "" : password) + ")" // Camel masks it in what it logs
                + (systemType == null || systemType.isBlank() ? "" : "&systemType=" + systemType)
                + "&enquireLinkTimer=" + enquireLink + "&registeredDelivery=1&splittingPolicy=ALLOW&reconnectDelay=2000";
        sourceAddress = source;
    }

    /**
     * The receipts and inbound texts the SMSC delivers (a receiver bind). Started apart, and again every
     * 5 s until the SMSC answers, so an SMSC that is down at start does not stop anything else.
     */
    @Override
    public void configure() {
        from(uri).routeId(RECEIVER).autoStartup(false).process(this::received);
        producer = getContext().createProducerTemplate();
        CamelContext context = getContext();
        starter.scheduleWithFixedDelay(() -> {
            try {
                org.apache.camel.ServiceStatus state = context.getRouteController().getRouteStatus(RECEIVER);
                if (state != null && !state.isStarted()) {
                    context.getRouteController().startRoute(RECEIVER);
                    LOG.info("SMPP receiver bound to the SMSC");
                }
            } catch (Exception e) {
                LOG.warn("SMPP receiver not bound yet, trying again in 5 s: {}", e.getClass().getSimpleName());
            }
        }, 1, 5, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() throws Exception {
        starter.shutdownNow();
        ProducerTemplate p = producer;
        if (p != null) {
            p.close();
        }
    }

    /** Stops trying to bind the receiver (outside OSGi: tests). */
    public void close() {
        starter.shutdownNow();
    }

    @Override
    public Result send(Outgoing m) {
        ProducerTemplate p = producer;
        if (p == null) {
            return Result.retry("the SMPP routes are not started yet");
        }
        Exchange done;
        try {
            done = p.send(uri, exchange -> {
                var msg = exchange.getMessage();
                msg.setHeader(SmppConstants.DEST_ADDR, m.to().startsWith("+") ? m.to().substring(1) : m.to());
                msg.setHeader(SmppConstants.DEST_ADDR_TON, (byte) 1); // international
                msg.setHeader(SmppConstants.DEST_ADDR_NPI, (byte) 1); // E.164
                String line = m.senderLine() != null ? m.senderLine() : sourceAddress;
                if (line != null && !line.isBlank()) {
                    msg.setHeader(SmppConstants.SOURCE_ADDR, line);
                }
                msg.setHeader(SmppConstants.ALPHABET, m.ucs2() ? (byte) 8 : (byte) 0);
                msg.setHeader(SmppConstants.DATA_CODING, m.ucs2() ? (byte) 8 : (byte) 0);
                msg.setBody(m.text());
            });
        } catch (RuntimeException noSession) { // the SMSC is not reachable: the producer could not bind
            return classify(noSession);
        }
        Exception failure = done.getException();
        if (failure != null) {
            return classify(failure);
        }
        // camel-smpp gives the id of each submitted part (a long text is several submit_sm), and the SMSC sends a receipt per part
        Object id = done.getMessage().getHeader(SmppConstants.ID);
        if (id instanceof List<?> ids && !ids.isEmpty()) {
            return Result.acceptedParts(ids.stream().map(String::valueOf).toList());
        }
        return Result.accepted(id == null ? null : id.toString());
    }

    static Result classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Matcher m = NEGATIVE.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                int status = Integer.parseUnsignedInt(m.group(1), 16);
                String reason = String.format("SMSC answered 0x%08x", status);
                return LATER.contains(status) ? Result.retry(reason) : Result.rejected(reason);
            }
        }
        return Result.retry("SMSC not reachable: " + failure.getClass().getSimpleName());
    }

    private void received(Exchange exchange) {
        var msg = exchange.getMessage();
        String type = msg.getHeader(SmppConstants.MESSAGE_TYPE, String.class);
        if ("DeliveryReceipt".equals(type)) {
            String id = msg.getHeader(SmppConstants.ID, String.class);
            String state = String.valueOf(msg.getHeader(SmppConstants.FINAL_STATUS));
            reports.delivered("smpp", id, "DELIVRD".equals(state), state);
        } else if ("DeliverSm".equals(type)) {
            String from = msg.getHeader(SmppConstants.SOURCE_ADDR, String.class);
            reports.received("smpp", from.startsWith("+") || from.startsWith("0") ? from : "+" + from, msg.getBody(String.class));
        } else {
            LOG.debug("SMPP {} ignored", type);
        }
    }
}
