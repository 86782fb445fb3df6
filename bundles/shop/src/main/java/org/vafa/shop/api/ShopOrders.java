package org.vafa.shop.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Orders a storefront takes, as its adapter hands them in (a webhook, a reconciliation poll, a REST call). An order is
 * kept once per storefront and order id; a delivery is applied only when the storefront modified the order after the
 * one held, so a repeated or late delivery changes nothing. An order that becomes {@code placed} holds its stock back
 * and publishes {@value #PLACED}; one that becomes {@code cancelled} gives it back and publishes {@value #CANCELLED}
 * (routes/order-to-crm.camel.yaml takes both to the club and the CRM).
 */
public interface ShopOrders {
    /** {@code {orderId, storefront, externalId, number, customer{memberId, mobile, email, firstName, lastName}, currency, total, lines[{sku, name, quantity, unitPrice}], placedAt}}. */
    String PLACED = "shop.order.placed";
    /** {@code {orderId, storefront, externalId, wasDispatched}}: the order was cancelled, refunded or returned. */
    String CANCELLED = "shop.order.cancelled";
    /** {@code {orderId, storefront, externalId}}: its goods left (the CRM's dispatch note); its stock moved. */
    String DISPATCHED = "shop.order.dispatched";

    /** What the shop does with an order in this state. */
    enum Status {
        /** Not paid or not confirmed yet: held, no effect. */
        WAITING,
        /** Accepted: stock held, points and paperwork follow. */
        PLACED,
        /** Gone, refunded or returned: every effect reversed. */
        CANCELLED
    }

    /**
     * An order as a storefront describes it. {@code storefront} names the adapter ({@code woocommerce}, {@code webhook},
     * {@code rest}); {@code externalId} is the storefront's id; {@code modifiedAt} its modification time;
     * {@code paymentMethod} how it was paid as the storefront names it (WooCommerce's {@code payment_method}, e.g.
     * {@code cod}), or null: the club's programme may earn by it.
     */
    record Order(String storefront, String externalId, String number, Status status, String storefrontStatus, Instant modifiedAt,
                 Customer customer, String currency, BigDecimal total, List<Line> lines, String paymentMethod) {
    }

    /** Who bought: any of the club member's id, the mobile (any usual form) or the email, and the name they gave. */
    record Customer(String memberId, String mobile, String email, String firstName, String lastName) {
    }

    record Line(String sku, String name, BigDecimal quantity, BigDecimal unitPrice) {
    }

    /**
     * {@code applied} false: a repeat or an older delivery (nothing changed). {@code status} the shop's status of the
     * order now: waiting, placed, dispatched or cancelled.
     */
    record Received(String orderId, boolean applied, String status) {
    }

    Received receive(Order order);

    /** How far a storefront's reconciliation poll has read ({@code initial} before its first poll). */
    String position(String poll, String initial);

    /** Saves how far the poll has read, after the orders up to it were received. */
    void savePosition(String poll, String position);
}
