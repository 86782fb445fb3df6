package org.vafa.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.vafa.sms.api.SmsDeliveryReports;
import org.vafa.sms.api.SmsGateway;

/** The adapter through jSMPP against a real SMPP server (jSMPP's) in the test. */
class SmppGatewayTest {

    /** What the adapter reports to the SMS plugin. */
    static final class Reports implements SmsDeliveryReports {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void delivered(String gateway, String gatewayMessageId, boolean delivered, String detail) {
            events.add(gateway + " " + gatewayMessageId + " " + delivered + " " + detail);
        }

        @Override
        public List<String> awaitingReport(String gateway, int limit) {
            return List.of();
        }

        @Override
        public void received(String gateway, String from, String text) {
            events.add(gateway + " " + from + " " + text);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @Test
    void aLongPersianTextGoesInUcs2PartsAndReceiptsAndInboundTextsComeBack() throws Exception {
        try (SmscServer smsc = new SmscServer()) {
            Reports reports = new Reports();
            SmppGateway gateway = new SmppGateway(reports, "127.0.0.1", smsc.port(), "vafa", "s3cret", "1000");
            await(smsc::receiverBound);

            String text = "سارا عزیز، " + "۱۲۰ امتیاز به کارت باشگاه شما اضافه شد. ".repeat(3);
            SmsGateway.Result sent = gateway.send(new SmsGateway.Outgoing("m-1", "+989121234567", text, null, true, 3));
            assertThat(sent.outcome()).isEqualTo(SmsGateway.Outcome.ACCEPTED);
            assertThat(smsc.parts()).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.dataCoding() & 0x0f).isEqualTo(8));
            assertThat(smsc.text("989121234567")).as("the parts joined").isEqualTo(text);

            assertThat(sent.partIds()).as("each part's id, in order").isEqualTo(smsc.parts().stream().map(SmscServer.Part::id).toList());
            assertThat(sent.gatewayMessageId()).isEqualTo(sent.partIds().get(0));
            for (String part : sent.partIds()) {
                smsc.deliveryReceipt(part, "989121234567", true);
                await(() -> reports.events.contains("smpp " + part + " true DELIVRD"));
            }
            smsc.inbound("989121234567", "1000", "لغو");
            await(() -> reports.events.contains("smpp +989121234567 لغو"));

            smsc.refuse("989120000000");
            SmsGateway.Result refused = gateway.send(new SmsGateway.Outgoing("m-2", "+989120000000", "x", null, false, 1));
            assertThat(refused.outcome()).isEqualTo(SmsGateway.Outcome.REJECTED);
            assertThat(refused.detail()).contains("0x0000000b");
            smsc.answerWith(0x58);
            assertThat(gateway.send(new SmsGateway.Outgoing("m-3", "+989121234567", "x", null, false, 1)).outcome())
                    .as("throttled: later").isEqualTo(SmsGateway.Outcome.RETRY);
            gateway.close();
        }
    }

    @Test
    void anSmscThatIsDownMeansLater() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (SmppGateway gateway = new SmppGateway(new Reports(), "127.0.0.1", port, "vafa", "s3cret", "1000")) {
            SmsGateway.Result down = gateway.send(new SmsGateway.Outgoing("m-1", "+989121234567", "x", null, false, 1));
            assertThat(down.outcome()).isEqualTo(SmsGateway.Outcome.RETRY);
            assertThat(down.detail()).doesNotContain("s3cret");
        }
    }
}
