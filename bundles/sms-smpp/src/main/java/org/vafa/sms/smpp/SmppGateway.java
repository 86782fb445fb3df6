package org.vafa.sms.smpp;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
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
 * An SMSC over SMPP 3.4 through jSMPP: a transmitter bind submits messages — UCS-2 when the text needs it
 * (Persian), long ones in parts with a concatenation header, each asking for a delivery receipt — and a
 * receiver bind takes the receipts and inbound texts and reports them to the SMS plugin. The receiver is
 * bound again every 5 s while the SMSC is away, so an SMSC that is down at start stops nothing else. An
 * SMSC that is down or throttling (ESME_RTHROTTLED, ESME_RMSGQFUL, ESME_RSYSERR) makes the outbox try
 * again; any other negative answer (a bad number, say) refuses the message for good.
 */
@Component(service = SmsGateway.class, property = "gateway=smpp", configurationPid = "org.vafa.sms.smpp",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SmppConfig.class)
public class SmppGateway implements SmsGateway, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmppGateway.class);
    /** Throttled, message queue full, system error: the SMSC may take it later. */
    private static final List<Integer> LATER = List.of(0x58, 0x14, 0x08);
    private static final int UDH_LENGTH = 6;

    @Reference
    private SmsDeliveryReports reports;

    private String host;
    private int port;
    private String systemId;
    private String password;
    private String systemType;
    private String sourceAddress;
    private int enquireLinkTimer;
    private SMPPSession transmitter;
    private volatile SMPPSession receiver;
    private ScheduledExecutorService binder;

    public SmppGateway() {
    }

    @Activate
    void activate(SmppConfig config) {
        configure(config.host(), config.port(), config.systemId(), config.password(), config.systemType(), config.sourceAddress(),
                config.enquireLinkTimer());
        start();
    }

    /** Outside OSGi (tests): bound at once; {@link #close} when done. */
    public SmppGateway(SmsDeliveryReports reports, String host, int port, String systemId, String password, String sourceAddress) {
        this.reports = reports;
        configure(host, port, systemId, password, "", sourceAddress, 30000);
        start();
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
        this.host = host;
        this.port = port;
        this.systemId = systemId;
        this.password = password == null ? "" : password;
        this.systemType = systemType == null ? "" : systemType;
        this.sourceAddress = source;
        this.enquireLinkTimer = enquireLink;
    }

    private void start() {
        binder = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vafa-smpp-receiver");
            t.setDaemon(true);
            return t;
        });
        binder.scheduleWithFixedDelay(this::bindReceiver, 0, 5, TimeUnit.SECONDS);
    }

    @Deactivate
    @Override
    public void close() {
        binder.shutdownNow();
        unbind(receiver);
        synchronized (this) {
            unbind(transmitter);
            transmitter = null;
        }
    }

    private static void unbind(SMPPSession session) {
        if (session != null) {
            session.unbindAndClose();
        }
    }

    private SMPPSession bind(BindType type) throws IOException {
        SMPPSession session = new SMPPSession();
        session.setEnquireLinkTimer(enquireLinkTimer);
        session.setTransactionTimer(10_000);
        if (type == BindType.BIND_RX) {
            session.setMessageReceiverListener(new Receiver());
        }
        session.connectAndBind(host, port, new BindParameter(type, systemId, password, systemType, TypeOfNumber.UNKNOWN,
                NumberingPlanIndicator.UNKNOWN, null));
        return session;
    }

    /** The receipts and inbound texts: bound, and bound again whenever the SMSC dropped it. */
    private void bindReceiver() {
        SMPPSession current = receiver;
        if (current != null && current.getSessionState().isBound()) {
            return;
        }
        unbind(current);
        try {
            receiver = bind(BindType.BIND_RX);
            LOG.info("SMPP receiver bound to {}:{}", host, port);
        } catch (IOException | RuntimeException e) {
            receiver = null;
            LOG.warn("SMPP receiver not bound yet, trying again in 5 s: {}", e.getClass().getSimpleName());
        }
    }

    private synchronized SMPPSession transmitter() throws IOException {
        if (transmitter == null || !transmitter.getSessionState().isBound()) {
            unbind(transmitter);
            transmitter = null;
            transmitter = bind(BindType.BIND_TX);
        }
        return transmitter;
    }

    @Override
    public Result send(Outgoing m) {
        List<byte[]> parts = parts(m.text(), m.ucs2());
        String destination = m.to().startsWith("+") ? m.to().substring(1) : m.to();
        String line = m.senderLine() != null ? m.senderLine() : sourceAddress;
        GeneralDataCoding coding = new GeneralDataCoding(m.ucs2() ? Alphabet.ALPHA_UCS2 : Alphabet.ALPHA_DEFAULT);
        ESMClass esm = parts.size() > 1 ? new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, GSMSpecificFeature.UDHI) : new ESMClass();
        List<String> ids = new ArrayList<>();
        try {
            SMPPSession session = transmitter();
            for (byte[] part : parts) {
                ids.add(session.submitShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, line == null ? "" : line,
                        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination, esm, (byte) 0, (byte) 1, null, null,
                        new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0, coding, (byte) 0, part).getMessageId());
            }
        } catch (NegativeResponseException refused) {
            return classify(refused.getCommandStatus(), ids);
        } catch (Exception unreachable) { // no bind, no answer in time, a broken answer: the SMSC may take it later
            return ids.isEmpty() ? Result.retry("SMSC not reachable: " + unreachable.getClass().getSimpleName())
                    : Result.retry("SMSC stopped answering after " + ids.size() + " of " + parts.size() + " parts: "
                    + unreachable.getClass().getSimpleName());
        }
        return ids.size() == 1 ? Result.accepted(ids.get(0)) : Result.acceptedParts(ids);
    }

    static Result classify(int status, List<String> acceptedParts) {
        String reason = String.format("SMSC answered 0x%08x", status) + (acceptedParts.isEmpty() ? ""
                : " after " + acceptedParts.size() + " parts were accepted");
        return LATER.contains(status) ? Result.retry(reason) : Result.rejected(reason);
    }

    /**
     * The text as short messages: one if it fits (70 UCS-2 or 160 default-alphabet characters), else parts of
     * 67 or 153 behind a concatenation header (reference, count, number).
     */
    static List<byte[]> parts(String text, boolean ucs2) {
        Charset charset = ucs2 ? StandardCharsets.UTF_16BE : StandardCharsets.ISO_8859_1;
        int single = ucs2 ? 70 : 160;
        int each = ucs2 ? 67 : 153;
        if (text.length() <= single) {
            return List.of(text.getBytes(charset));
        }
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int end = Math.min(text.length(), i + each);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--; // a character of two UTF-16 units stays in one part
            }
            chunks.add(text.substring(i, end));
            i = end;
        }
        byte reference = (byte) ThreadLocalRandom.current().nextInt(256);
        List<byte[]> parts = new ArrayList<>();
        for (int n = 0; n < chunks.size(); n++) {
            byte[] body = chunks.get(n).getBytes(charset);
            byte[] part = new byte[UDH_LENGTH + body.length];
            part[0] = 5; // header length
            part[1] = 0; // concatenated short message, 8-bit reference
            part[2] = 3;
            part[3] = reference;
            part[4] = (byte) chunks.size();
            part[5] = (byte) (n + 1);
            System.arraycopy(body, 0, part, UDH_LENGTH, body.length);
            parts.add(part);
        }
        return parts;
    }

    /** What the SMSC delivers on the receiver bind. */
    private final class Receiver implements MessageReceiverListener {
        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            try {
                if (MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
                    DeliveryReceipt receipt = deliverSm.getShortMessageAsDeliveryReceipt();
                    String state = receipt.getFinalStatus().name();
                    reports.delivered("smpp", receipt.getId(), "DELIVRD".equals(state), state);
                } else {
                    byte[] body = deliverSm.getShortMessage();
                    boolean ucs2 = (deliverSm.getDataCoding() & 0x0f) == 8;
                    String from = deliverSm.getSourceAddr();
                    reports.received("smpp", from.startsWith("+") || from.startsWith("0") ? from : "+" + from,
                            new String(body == null ? new byte[0] : body, ucs2 ? StandardCharsets.UTF_16BE : StandardCharsets.ISO_8859_1));
                }
            } catch (Exception e) {
                LOG.warn("SMPP deliver_sm not taken: {}", e.getMessage());
                throw new ProcessRequestException(e.getMessage() == null ? "not taken" : e.getMessage(), 0x08);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
            // nothing to do with it
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not taken", 0x03);
        }
    }
}
