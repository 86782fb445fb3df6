package org.vafa.sms.kavenegar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vafa.sms.api.SmsGateway;

/** The adapter against a local server that answers as Kavenegar's documented REST API does. */
class KavenegarGatewayTest {
    private KavenegarApiServer api;

    @BeforeEach
    void start() throws Exception {
        api = new KavenegarApiServer("4F6A-TEST-KEY");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static SmsGateway.Outgoing persian() {
        return new SmsGateway.Outgoing("m-1", "+989121234567", "سارا عزیز، ۱۲۰ امتیاز گرفتید.", null, true, 1);
    }

    @Test
    void aMessageIsPostedAsTheApiSaysAndItsIdKept() {
        SmsGateway.Result result = new KavenegarGateway(api.baseUrl(), api.key(), "10004346").send(persian());
        assertThat(result.outcome()).isEqualTo(SmsGateway.Outcome.ACCEPTED);
        assertThat(result.gatewayMessageId()).isEqualTo(api.sent().get(0).get("messageid"));
        assertThat(api.sent().get(0)).containsEntry("receptor", "+989121234567").containsEntry("message", "سارا عزیز، ۱۲۰ امتیاز گرفتید.")
                .containsEntry("sender", "10004346").containsEntry("localid", "m-1");
    }

    @Test
    void afterACutOffSendKavenegarIsAskedByLocalId() {
        KavenegarGateway gateway = new KavenegarGateway(api.baseUrl(), api.key(), "10004346");
        String messageId = gateway.send(persian()).gatewayMessageId();
        assertThat(gateway.recall("m-1")).as("it has it").isEqualTo(SmsGateway.Recall.sent(messageId));
        assertThat(gateway.recall("m-2").knowledge()).as("it never had it").isEqualTo(SmsGateway.Knowledge.NOT_SENT);
        api.close();
        assertThat(gateway.recall("m-1").knowledge()).as("no answer: no guess").isEqualTo(SmsGateway.Knowledge.ASK_LATER);
    }

    @Test
    void theApisStatusDecidesRetryOrNever() {
        KavenegarGateway gateway = new KavenegarGateway(api.baseUrl(), api.key(), "");
        api.answerWith(411);
        SmsGateway.Result bad = gateway.send(persian());
        assertThat(bad.outcome()).isEqualTo(SmsGateway.Outcome.REJECTED);
        assertThat(bad.detail()).startsWith("Kavenegar 411");
        api.answerWith(418);
        assertThat(gateway.send(persian()).outcome()).as("credit ran out: wait for it").isEqualTo(SmsGateway.Outcome.RETRY);
        api.answerWith(409);
        assertThat(gateway.send(persian()).outcome()).isEqualTo(SmsGateway.Outcome.RETRY);
        api.answerWith(200);
        SmsGateway.Result wrongKey = new KavenegarGateway(api.baseUrl(), "WRONG-KEY", "").send(persian());
        assertThat(wrongKey.outcome()).isEqualTo(SmsGateway.Outcome.RETRY);
        assertThat(wrongKey.detail()).startsWith("Kavenegar 403").doesNotContain("WRONG-KEY");
        assertThat(gateway.send(persian()).outcome()).isEqualTo(SmsGateway.Outcome.ACCEPTED);
        assertThat(api.sent()).hasSize(1).allSatisfy(form -> assertThat(form).doesNotContainKey("sender"));
    }

    @Test
    void noAnswerIsTriedAgainWithoutShowingTheKey() {
        api.close();
        SmsGateway.Result down = new KavenegarGateway(api.baseUrl(), api.key(), "").send(persian());
        assertThat(down.outcome()).isEqualTo(SmsGateway.Outcome.RETRY);
        assertThat(down.detail()).doesNotContain(api.key());
    }

    @Test
    void deliveryStatesAreAskedForAndTheFinalOnesReported() {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.vafa.sms.api.SmsDeliveryReports reports = new org.vafa.sms.api.SmsDeliveryReports() {
            @Override
            public void delivered(String gateway, String id, boolean delivered, String detail) {
                events.add(id + " " + delivered);
            }

            @Override
            public List<String> awaitingReport(String gateway, int limit) {
                return api.sent().stream().map(f -> f.get("messageid")).toList();
            }

            @Override
            public void received(String gateway, String from, String text) {
                if (!from.matches("0?9[0-9]{9}")) { // as the SMS plugin refuses a sender that is no phone number
                    throw new IllegalArgumentException("not a phone number: " + from);
                }
                events.add(from + " " + text);
            }
        };
        KavenegarGateway gateway = new KavenegarGateway(api.baseUrl(), api.key(), "", reports);
        String first = gateway.send(persian()).gatewayMessageId();
        String second = gateway.send(persian()).gatewayMessageId();
        gateway.send(persian());
        api.messageState(first, 10);
        api.messageState(second, 11);
        assertThat(gateway.pollStatuses()).isEqualTo(2);
        assertThat(events).containsExactlyInAnyOrder(first + " true", second + " false");

        KavenegarGateway withLine = new KavenegarGateway(api.baseUrl(), api.key(), "10004346", reports);
        api.inbound("09121234567", "لغو");
        assertThat(withLine.pollInbound()).isEqualTo(1);
        assertThat(withLine.pollInbound()).as("read once").isZero();
        assertThat(events).contains("09121234567 لغو");
        api.inbound("SHOP-PROMO", "hello");
        api.inbound("09127654321", "لغو");
        assertThat(withLine.pollInbound()).as("a sender that is no number does not lose the texts after it").isEqualTo(1);
        assertThat(events).contains("09127654321 لغو");
    }
}
