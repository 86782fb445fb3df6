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
     * What became of a message whose send was cut off before its outcome was stored (the server stopped or
     * the database was unreachable while this gateway had it). The outbox asks before sending it again, so
     * that it is never sent twice. A gateway that cannot tell (the default) gets the message parked as in
     * doubt, for an operator to retry if it did not arrive.
     */
    default Recall recall(String outboxId) {
        return Recall.cannotTell("the gateway cannot be asked about a message it may have sent");
    }

    /** The answer to {@link #recall}. */
    enum Knowledge { SENT, NOT_SENT, ASK_LATER, CANNOT_TELL }

    record Recall(Knowledge knowledge, String gatewayMessageId, String detail) {
        /** It has the message, under this id. */
        public static Recall sent(String gatewayMessageId) {
            return new Recall(Knowledge.SENT, gatewayMessageId, null);
        }

        /** It never had it: send it again. */
        public static Recall notSent() {
            return new Recall(Knowledge.NOT_SENT, null, null);
        }

        /** It cannot answer now (unreachable): ask again later. */
        public static Recall askLater(String detail) {
            return new Recall(Knowledge.ASK_LATER, null, detail);
        }

        public static Recall cannotTell(String detail) {
            return new Recall(Knowledge.CANNOT_TELL, null, detail);
        }
    }

    /**
     * A message to send: {@code id} is the outbox's (providers that de-duplicate can use it),
     * {@code to} is E.164, {@code ucs2} whether the text needs UCS-2 (Persian does), {@code parts} how many
     * SMS the text takes (long texts are split by the gateway with concatenation headers).
     */
    record Outgoing(String id, String to, String text, String senderLine, boolean ucs2, int parts) {
    }

    /** {@code ACCEPTED}: on its way; {@code RETRY}: try again later (gateway down, throttled); {@code REJECTED}: never. */
    enum Outcome { ACCEPTED, RETRY, REJECTED }

    /**
     * {@code partIds}: when the gateway gave each part of a long text its own id (SMPP does), all of them in
     * order — the message then counts as delivered when every part is; empty otherwise.
     */
    record Result(Outcome outcome, String gatewayMessageId, java.util.List<String> partIds, String detail) {
        public Result {
            partIds = partIds == null ? java.util.List.of() : java.util.List.copyOf(partIds);
        }

        public static Result accepted(String gatewayMessageId) {
            return new Result(Outcome.ACCEPTED, gatewayMessageId, null, null);
        }

        /** Accepted as several parts, each with its id (the first is the message's). */
        public static Result acceptedParts(java.util.List<String> partIds) {
            return partIds.size() == 1 ? accepted(partIds.get(0)) : new Result(Outcome.ACCEPTED, partIds.get(0), partIds, null);
        }

        public static Result retry(String detail) {
            return new Result(Outcome.RETRY, null, null, detail);
        }

        public static Result rejected(String detail) {
            return new Result(Outcome.REJECTED, null, null, detail);
        }
    }
}
