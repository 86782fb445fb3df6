package org.vafa.api.events;

import java.sql.Connection;

/**
 * The durable event log (transactional outbox). A plugin records its state change and the event
 * that announces it in one database transaction, so no event is lost and none is invented:
 *
 * <pre>
 * database.inTransaction(tx -&gt; {
 *     insertMember(tx, member);
 *     eventLog.append(tx, "club", "club.member.registered", member.id(), member);
 *     return member;
 * });
 * </pre>
 *
 * Routes receive events through durable subscriptions: {@code from("vafa-events:club.member.*?subscription=welcome-sms")}.
 */
public interface EventLog {

    /**
     * Records an event in the caller's transaction; it becomes visible to subscriptions when that
     * transaction commits, and disappears with it if it rolls back.
     *
     * @param source  the plugin that speaks (CloudEvents {@code source}), e.g. {@code club}
     * @param type    e.g. {@code club.member.registered}
     * @param subject what the event is about, e.g. the member id; delivery order is kept per subject
     * @param data    serialised to JSON (a Map, a record, a String holding JSON, or null)
     */
    CloudEvent append(Connection transaction, String source, String type, String subject, Object data);

    /** Records an event in a transaction of its own. */
    CloudEvent publish(String source, String type, String subject, Object data);
}
