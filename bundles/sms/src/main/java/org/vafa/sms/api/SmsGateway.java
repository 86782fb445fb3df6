package org.vafa.sms.api;

/**
 * An SMS gateway adapter (SMPP, an HTTP provider, the development file). Register it as an OSGi service
 * with the property {@code gateway=<name>}; the SMS plugin sends through the one named in its
 * configuration ({@code org.vafa.sms}, {@code gateway}), so adapters can be installed and swapped while
 * the server runs. A gateway sends one message at a time and says what became of it; it never retries
 * itself (the outbox does, with backoff).
 */
public interface SmsGateway {

    Result send(Outgoing message);

    /**
     * A message to send: {@code id} is the outbox's (providers that de-duplicate can use it),
     * {@code to} is E.164, {@code ucs2} whether the text needs UCS-2 (Persian does), {@code parts} how many
     * SMS the text takes (long texts are split by the gateway with concatenation headers).
     */
    record Outgoing(String id, String to, String text, String senderLine, boolean ucs2, int parts) {
    }

    /** {@code ACCEPTED}: on its way; {@code RETRY}: try again later (gateway down, throttled); {@code REJECTED}: never. */
    enum Outcome { ACCEPTED, RETRY, REJECTED }

    record Result(Outcome outcome, String gatewayMessageId, String detail) {
        public static Result accepted(String gatewayMessageId) {
            return new Result(Outcome.ACCEPTED, gatewayMessageId, null);
        }

        public static Result retry(String detail) {
            return new Result(Outcome.RETRY, null, detail);
        }

        public static Result rejected(String detail) {
            return new Result(Outcome.REJECTED, null, detail);
        }
    }
}
