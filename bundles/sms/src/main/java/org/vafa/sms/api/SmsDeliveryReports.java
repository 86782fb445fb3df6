package org.vafa.sms.api;

/**
 * Where a gateway adapter reports what became of a message it accepted (an SMPP delivery receipt, an
 * HTTP provider's status callback), by its own message id. Published by the SMS plugin.
 */
public interface SmsDeliveryReports {

    /** {@code delivered} false: the network gave up on it ({@code detail} says why). */
    void delivered(String gateway, String gatewayMessageId, boolean delivered, String detail);

    /**
     * The ids this gateway gave to messages it accepted and has not reported on yet (oldest first), for
     * adapters that ask their provider (e.g. a status API) instead of being told.
     */
    java.util.List<String> awaitingReport(String gateway, int limit);

    /** A text a member or anyone sent to one of the club's lines (e.g. «لغو» to opt out). */
    void received(String gateway, String from, String text);
}
