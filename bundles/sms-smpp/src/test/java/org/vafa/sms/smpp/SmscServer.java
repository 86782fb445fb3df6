package org.vafa.sms.smpp;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

/**
 * A real SMPP 3.4 server (jSMPP's server side) standing in for an operator's SMSC: it accepts binds,
 * answers submit_sm with a message id (or the negative status it is told to), keeps every part it got,
 * and delivers receipts and inbound texts to the bound receivers. For the adapter's tests and the
 * integration tests on the distribution.
 */
public final class SmscServer implements AutoCloseable {
    /** A submit_sm as it arrived. */
    public record Part(String id, String destination, byte dataCoding, byte esmClass, byte[] shortMessage) {
    }

    private final int port;
    private final SMPPServerSessionListener listener;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<SMPPServerSession, BindType> sessions = new ConcurrentHashMap<>();
    private final List<Part> parts = new CopyOnWriteArrayList<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final AtomicInteger status = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong(1000);
    private volatile boolean open = true;

    public SmscServer() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        listener = new SMPPServerSessionListener(port);
        listener.setMessageReceiverListener(new Receiver());
        threads.submit(() -> {
            while (open) {
                try {
                    SMPPServerSession session = listener.accept();
                    threads.submit(() -> {
                        try {
                            BindRequest bind = session.waitForBind(10_000);
                            bind.accept("test-smsc", InterfaceVersion.IF_34);
                            sessions.put(session, bind.getBindType());
                        } catch (Exception e) {
                            session.unbindAndClose();
                        }
                    });
                } catch (IOException closed) {
                    return null;
                }
            }
            return null;
        });
    }

    public int port() {
        return port;
    }

    /** Whether an ESME has bound to receive (receipts and inbound texts can be delivered). */
    public boolean receiverBound() {
        return sessions.values().stream().anyMatch(t -> t == BindType.BIND_RX || t == BindType.BIND_TRX);
    }

    public List<Part> parts() {
        return parts;
    }

    /** The text that reached a number, its parts joined (concatenation headers stripped, UCS-2 decoded). */
    public String text(String destination) {
        StringBuilder text = new StringBuilder();
        for (Part p : parts) {
            if (!p.destination().equals(destination)) {
                continue;
            }
            byte[] bytes = p.shortMessage();
            int start = (p.esmClass() & 0x40) != 0 ? (bytes[0] & 0xff) + 1 : 0; // UDHI: skip the user data header
            byte[] body = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
            text.append((p.dataCoding() & 0x0f) == 8 ? new String(body, StandardCharsets.UTF_16BE) : new String(body, StandardCharsets.ISO_8859_1));
        }
        return text.toString();
    }

    /** submit_sm to this number is answered with ESME_RINVDSTADR (0x0b). */
    public void refuse(String destination) {
        refused.add(destination);
    }

    /** Every submit_sm is answered with this command status from now on (0: accept). */
    public void answerWith(int commandStatus) {
        status.set(commandStatus);
    }

    /** A delivery receipt for a message, to the bound receivers. */
    public void deliveryReceipt(String messageId, String destination, boolean delivered) throws Exception {
        String receipt = new DeliveryReceipt(messageId, 1, delivered ? 1 : 0, new Date(), new Date(),
                delivered ? DeliveryReceiptState.DELIVRD : DeliveryReceiptState.UNDELIV, "000", "").toString();
        deliver(destination, "1000", new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                new GeneralDataCoding(Alphabet.ALPHA_DEFAULT), receipt.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A text a phone sent to the line, in UCS-2. */
    public void inbound(String from, String line, String text) throws Exception {
        deliver(from, line, new ESMClass(), new GeneralDataCoding(Alphabet.ALPHA_UCS2), text.getBytes(StandardCharsets.UTF_16BE));
    }

    private void deliver(String source, String destination, ESMClass esm, GeneralDataCoding coding, byte[] message) throws Exception {
        List<SMPPServerSession> receivers = new ArrayList<>();
        sessions.forEach((s, t) -> {
            if (t == BindType.BIND_RX || t == BindType.BIND_TRX) {
                receivers.add(s);
            }
        });
        if (receivers.isEmpty()) {
            throw new IllegalStateException("no receiver bound");
        }
        receivers.get(0).deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, source, TypeOfNumber.UNKNOWN,
                NumberingPlanIndicator.UNKNOWN, destination, esm, (byte) 0, (byte) 0, new RegisteredDelivery(0), coding, message);
    }

    @Override
    public void close() throws IOException {
        open = false;
        sessions.keySet().forEach(SMPPServerSession::unbindAndClose);
        listener.close();
        threads.shutdownNow();
    }

    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession source) throws ProcessRequestException {
            if (status.get() != 0) {
                throw new ProcessRequestException("told to answer so", status.get());
            }
            if (refused.contains(submit.getDestAddress())) {
                throw new ProcessRequestException("invalid destination address", 0x0b);
            }
            String id = Long.toString(ids.incrementAndGet());
            parts.add(new Part(id, submit.getDestAddress(), submit.getDataCoding(), submit.getEsmClass(), submit.getShortMessage()));
            try {
                return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
            } catch (org.jsmpp.PDUStringException e) {
                throw new ProcessRequestException(e.getMessage(), 0x08);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancel, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm query, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }
    }
}
