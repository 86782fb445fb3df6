package org.vafa.club.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the club offers a till or a shop while a customer waits: the club's published service (the
 * only package the club bundle exports). A refusal is an {@link org.vafa.api.rest.Problem} naming the
 * field. Each call commits the club's own data; {@code source} (the sale) and {@code refund} keys make
 * every call safe to repeat, so the caller can commit its own record after and retry until it has.
 */
public interface ClubCheckout {

    /** The member as a seller needs them on screen, found by exactly one of card, mobile (any usual form) or id. */
    Optional<MemberView> find(String card, String mobile, String memberId);

    /** Only the member's id (cheaper than {@link #find}), by exactly one of card, mobile or id. */
    Optional<String> memberId(String card, String mobile, String memberId);

    /** Prices a basket: vouchers, then points, then stored value; the points it will earn. No effect. */
    Priced quote(Checkout checkout);

    /** {@link #quote(Checkout)} with the member found by the reference, in the same call (the checkout's memberId is not used). */
    Priced quote(MemberRef member, Checkout checkout);

    /**
     * The club's side of a sale, in one transaction: vouchers used, points spent and earned through the
     * programme (at the sale's time), stored value spent, the spend for tiers. Once per {@code source}: a
     * repeat answers the first result with {@code applied} false.
     */
    Priced complete(String source, Checkout checkout);

    /**
     * {@link #complete(String, Checkout)} for a till, in one call on one connection: the member found by the reference
     * (the checkout's own {@code memberId} is not used), the payments (when given: not empty) checked against the amount
     * due and used by the programme (points by payment method), and the club's side applied, in one transaction. A
     * refusal names the field: {@code card}, {@code mobile}, {@code memberId} or {@code payments}; nothing is applied then.
     */
    Priced complete(String source, MemberRef member, Checkout checkout, List<Payment> payments);

    /** Part of what the customer paid at the till, by one method ({@code cash}, {@code card}, a store card's name). */
    record Payment(String method, BigDecimal amount) {
    }

    /**
     * The club's side of a refund of {@code share} (0..1] of the sale's amount: that share of the points
     * it earned taken back and of the points and stored value it spent given back, the tier re-evaluated,
     * and (when {@code releaseVouchers}) the vouchers it used given back. Once per {@code refund}; all
     * refunds of a sale together are at most the whole.
     */
    Refunded refund(String source, String refund, BigDecimal share, boolean releaseVouchers);

    record Line(String sku, String category, BigDecimal quantity, BigDecimal unitPrice) {
    }

    /** A member as a till names them: exactly one of card (as scanned), mobile (any usual form) or id; none: anonymous. */
    record MemberRef(String card, String mobile, String memberId) {
    }

    /** {@code memberId} null: an anonymous sale (bearer vouchers only). {@code soldAt} null: now. */
    record Checkout(String memberId, String currency, String branch, Instant soldAt, List<Line> lines, List<String> vouchers,
                    long points, BigDecimal storedValue) {
    }

    /** {@code kind} is voucher or points; {@code code} the voucher's. */
    record Discount(String kind, String code, BigDecimal amount, long points, String explanation) {
    }

    /**
     * The priced basket: {@code total} after discounts, {@code amountDue} after stored value (what other
     * tenders pay), the points it earns and why, and the member's balances after it.
     */
    record Priced(boolean applied, String memberId, String currency, BigDecimal subtotal, List<Discount> discounts,
                  BigDecimal total, BigDecimal storedValueUsed, BigDecimal amountDue, long pointsRedeemed, long pointsEarned,
                  List<String> earning, Long pointsBalance, BigDecimal storedValueBalance, String tier) {
    }

    record Refunded(boolean applied, String memberId, BigDecimal share, long pointsTakenBack, long pointsGivenBack,
                    BigDecimal storedValueRefunded, List<String> vouchersReleased, Long pointsBalance, String tier) {
    }

    record VoucherView(String code, String kind, BigDecimal value, BigDecimal minimumBasket, Instant validTo, int usesLeft) {
    }

    record MemberView(String id, String firstName, String lastName, String mobile, List<String> cards, String status,
                      String tier, boolean tierSetByHand, long pointsAvailable, long pointsPending, BigDecimal storedValue,
                      String currency, List<VoucherView> vouchers, Instant joinedAt, boolean consentSms, String email,
                      boolean consentEmail, String referralCode) {
    }
}
