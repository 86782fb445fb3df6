package org.vafa.club.checkout;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.rest.Problem;
import org.vafa.club.Money;
import org.vafa.club.Sources;
import org.vafa.api.db.Sql;
import org.vafa.api.locale.PlatformLocale;
import org.vafa.club.api.ClubCheckout;
import org.vafa.club.members.Member;
import org.vafa.club.members.MemberJson;
import org.vafa.club.members.Members;
import org.vafa.club.points.PointsDiscounts;
import org.vafa.club.points.PointsLedger;
import org.vafa.club.rules.ClubRules;
import org.vafa.club.rules.Earning;
import org.vafa.club.rules.MemberFacts;
import org.vafa.club.rules.Purchase;
import org.vafa.club.sales.Sales;
import org.vafa.club.storedvalue.StoredValue;
import org.vafa.club.tiers.MemberTiers;
import org.vafa.club.vouchers.Vouchers;

/**
 * The club's published checkout: a basket priced with vouchers (in the order given), then points
 * (on what is left, at the programme's rate and share), then stored value (at most what is left);
 * points are earned on what the basket cost after its discounts, line by line so that category rules
 * still apply. The answer of each completed sale and refund is kept, so a repeat gets the same one.
 */
@Component(service = {ClubCheckout.class, ClubCheckoutService.class}, property = "name=clubCheckout",
        configurationPid = "org.vafa.club", configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ClubCheckoutService implements ClubCheckout {
    private static final int MAX_LINES = 500;

    @Reference
    private Database database;
    @Reference
    private Members members;
    @Reference
    private PointsLedger points;
    @Reference
    private PointsDiscounts pointsDiscounts;
    @Reference
    private StoredValue storedValue;
    @Reference
    private Vouchers vouchers;
    @Reference
    private Sales sales;
    @Reference
    private ClubRules rules;
    @Reference
    private MemberTiers tiers;

    private ZoneId zone;

    public ClubCheckoutService() {
    }

    @Reference
    private PlatformLocale locale;

    @Activate
    void activate() {
        zone = locale.timeZone();
    }

    /** Outside OSGi (tests). */
    public ClubCheckoutService(Database database, Members members, PointsLedger points, PointsDiscounts pointsDiscounts,
                               StoredValue storedValue, Vouchers vouchers, Sales sales, ClubRules rules, MemberTiers tiers,
                               ZoneId zone) {
        this.database = database;
        this.members = members;
        this.points = points;
        this.pointsDiscounts = pointsDiscounts;
        this.storedValue = storedValue;
        this.vouchers = vouchers;
        this.sales = sales;
        this.rules = rules;
        this.tiers = tiers;
        this.zone = zone;
    }

    @Override
    public Optional<MemberView> find(String card, String mobile, String memberId) {
        return member(card, mobile, memberId).map(this::view);
    }

    @Override
    public Optional<String> memberId(String card, String mobile, String memberId) {
        return member(card, mobile, memberId).map(Member::id);
    }

    private Optional<Member> member(String card, String mobile, String memberId) {
        int given = (card != null ? 1 : 0) + (mobile != null ? 1 : 0) + (memberId != null ? 1 : 0);
        if (given != 1) {
            throw Problem.badRequest("Look a member up by exactly one of card, mobile or memberId");
        }
        return card != null ? members.byCard(card) : mobile != null ? members.byMobile(mobile, "mobile") : members.get(memberId);
    }

    private MemberView view(Member m) {
        return database.inTransaction(tx -> {
            PointsLedger.Balance balance = points.balance(tx, m.id());
            Optional<MemberTiers.TierState> tier = tiers.tier(tx, m.id());
            List<VoucherView> held = vouchers.heldBy(tx, m.id()).stream().map(v -> new VoucherView(v.code(), v.batch().kind().name()
                    .toLowerCase(), v.batch().value(), v.batch().minimumBasket(), v.batch().validTo(), v.batch().usesPerCode() - v.uses()))
                    .toList();
            return new MemberView(m.id(), m.firstName(), m.lastName(), m.mobile(), m.cards(), m.status().name().toLowerCase(),
                    tier.map(MemberTiers.TierState::tier).orElse(tiers.tierFor(tx, m.id())), tier.map(MemberTiers.TierState::manual)
                    .orElse(false), balance.available(), balance.pending(), storedValue.balance(tx, m.id()).balance(),
                    storedValue.currency(), held, m.joinedAt(), m.consentSms(), m.email(), m.consentEmail(), m.referralCode());
        });
    }

    @Override
    public Priced quote(Checkout checkout) {
        return quote(new MemberRef(null, null, checkout == null ? null : checkout.memberId()), checkout);
    }

    @Override
    public Priced quote(MemberRef who, Checkout given) {
        validate(given);
        return database.inTransaction(tx -> price(tx, new Checkout(memberId(tx, who), given.currency(), given.branch(), given.soldAt(),
                given.lines(), given.vouchers(), given.points(), given.storedValue()), null, List.of()));
    }

    @Override
    public Priced complete(String source, Checkout checkout) {
        return complete(source, new MemberRef(null, null, checkout == null ? null : checkout.memberId()), checkout, null);
    }

    @Override
    public Priced complete(String source, MemberRef who, Checkout given, List<Payment> payments) {
        if (payments != null) {
            // the programme may earn by method: a negative part would inflate another's share
            if (payments.size() > 20) {
                throw Problem.invalidField("payments", "A sale is paid in at most 20 parts");
            }
            for (int i = 0; i < payments.size(); i++) {
                Money.zeroOrMore(payments.get(i).amount(), "payments[" + i + "].amount");
            }
        }
        BigDecimal paid = payments == null || payments.isEmpty() ? null
                : payments.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        Sources.require(source, "source");
        validate(given);
        return database.inTransaction(tx -> {
            Checkout checkout = new Checkout(memberId(tx, who), given.currency(), given.branch(), given.soldAt(), given.lines(),
                    given.vouchers(), given.points(), given.storedValue());
            if (checkout.memberId() != null) {
                Members.lock(tx, checkout.memberId()); // one sale of a member at a time; also waits for a racing repeat
            }
            Optional<Priced> before = recorded(tx, source);
            if (before.isPresent()) {
                if (!java.util.Objects.equals(before.get().memberId(), checkout.memberId())) {
                    throw new Problem(409, "Conflict", "Sale " + source + " was recorded for another member", "source");
                }
                return before.get();
            }
            Priced priced = price(tx, checkout, source, payments == null ? List.of() : payments);
            if (paid != null && paid.compareTo(priced.amountDue()) != 0) { // thrown: the transaction and all it applied roll back
                throw Problem.invalidField("payments", "The payments add up to " + paid.toPlainString() + ", the amount due is "
                        + priced.amountDue().toPlainString());
            }
            Sql.update(tx, "INSERT INTO club_checkout (source, member_id, total, result_json, created_at) VALUES (?, ?, ?, ?, ?)",
                    source, checkout.memberId(), priced.total(), json(priced), Instant.now());
            return priced;
        });
    }

    /** The member a till names, in the transaction; null for an anonymous sale. */
    private String memberId(Connection tx, MemberRef who) throws SQLException {
        if (who == null) {
            return null;
        }
        int given = (who.card() != null ? 1 : 0) + (who.mobile() != null ? 1 : 0) + (who.memberId() != null ? 1 : 0);
        if (given == 0) {
            return null;
        }
        if (given > 1) {
            throw Problem.invalidField("card", "Name the member by one of card, mobile or memberId");
        }
        String field = who.card() != null ? "card" : who.mobile() != null ? "mobile" : "memberId";
        return members.find(tx, who.card(), who.mobile(), who.memberId()).map(Member::id)
                .orElseThrow(() -> Problem.invalidField(field, "No member with this " + field));
    }

    /** Prices the basket; with a {@code source}, also applies every part of it (in the caller's transaction). */
    private Priced price(Connection tx, Checkout c, String source, List<Payment> payments) throws SQLException {
        boolean apply = source != null;
        Instant at = c.soldAt() == null ? Instant.now() : c.soldAt();
        Member member = c.memberId() == null ? null
                : members.get(tx, c.memberId()).orElseThrow(() -> Problem.invalidField("memberId", "No member " + c.memberId()));
        boolean spends = !c.vouchers().isEmpty() || c.points() > 0 || c.storedValue().signum() > 0;
        if (member != null && !member.status().inClub() && (spends || apply)) {
            throw new Problem(409, "Member has left the club", "A member who left neither earns nor spends; rejoin first", "memberId");
        }
        BigDecimal subtotal = c.lines().stream().map(l -> l.quantity().multiply(l.unitPrice())).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.HALF_UP);
        BigDecimal total = subtotal;
        List<Discount> discounts = new ArrayList<>();
        for (int i = 0; i < c.vouchers().size(); i++) {
            String code = c.vouchers().get(i);
            Vouchers.Check check = vouchers.check(tx, code, c.memberId(), total, c.currency(), at);
            if (!check.usable()) {
                throw new Problem(409, "Voucher cannot be used", check.reason(), "vouchers[" + i + "]");
            }
            BigDecimal off = apply ? vouchers.redeem(tx, code, source, c.memberId(), total, c.currency(), at).use().discount()
                    : check.discount();
            discounts.add(new Discount("voucher", check.code(), off, 0, "voucher " + check.code()));
            total = total.subtract(off);
        }
        long redeemed = 0;
        if (c.points() > 0) {
            requireMember(member, "points");
            PointsDiscounts.Quote quote = apply
                    ? pointsDiscounts.redeem(tx, member.id(), c.points(), total, c.currency(), source).quote()
                    : pointsDiscounts.quote(tx, member.id(), c.points(), total, c.currency());
            if (quote.points() == 0) {
                throw new Problem(409, "Not enough points for a discount", "The member has " + quote.available()
                        + " points; they buy no discount on this basket", "points");
            }
            redeemed = quote.points();
            discounts.add(new Discount("points", null, quote.amount(), quote.points(), quote.points() + " points"));
            total = total.subtract(quote.amount());
        }
        BigDecimal fromCard = c.storedValue();
        if (fromCard.signum() > 0) {
            requireMember(member, "storedValue");
            if (fromCard.compareTo(total) > 0) {
                throw Problem.invalidField("storedValue", "storedValue is more than the " + total.toPlainString() + " left to pay");
            }
            BigDecimal onCard = storedValue.balance(tx, member.id()).balance();
            if (onCard.compareTo(fromCard) < 0) {
                throw new Problem(409, "Not enough stored value", "The card holds " + onCard.toPlainString(), "storedValue");
            }
            if (apply) {
                storedValue.spend(tx, member.id(), fromCard, c.currency(), source);
            }
        }
        long earned = 0;
        List<String> why = List.of();
        if (member != null && member.status().inClub() && rules.current().isPresent()) {
            List<Purchase.Payment> paidBy = new ArrayList<>();
            payments.forEach(p -> paidBy.add(new Purchase.Payment(p.method(), p.amount())));
            if (!paidBy.isEmpty() && fromCard.signum() > 0) {
                paidBy.add(new Purchase.Payment("stored-value", fromCard));
            }
            Purchase purchase = new Purchase(netLines(c.lines(), subtotal, total), c.currency(), c.branch(), at.atZone(zone).toLocalDate(),
                    paidBy);
            Earning earning;
            if (apply) {
                earning = sales.purchase(tx, member, source, purchase, at).earning();
            } else {
                earning = rules.earning(purchase, new MemberFacts(tiers.tierFor(tx, member.id()), member.birthDate(), member.anniversary()));
            }
            earned = earning.points();
            why = earning.explanation();
        }
        Long pointsBalance = member == null ? null : points.balance(tx, member.id()).available();
        BigDecimal cardBalance = member == null ? null : storedValue.balance(tx, member.id()).balance();
        String tier = member == null ? null : tiers.tierFor(tx, member.id());
        return new Priced(apply, c.memberId(), c.currency(), subtotal, discounts, total, fromCard, total.subtract(fromCard), redeemed,
                earned, why, pointsBalance, cardBalance, tier);
    }

    /** The lines at what they cost after the basket's discounts (each in proportion), for earning. */
    static List<Purchase.Line> netLines(List<Line> lines, BigDecimal subtotal, BigDecimal total) {
        List<Purchase.Line> net = new ArrayList<>();
        for (Line l : lines) {
            BigDecimal price = subtotal.signum() == 0 ? l.unitPrice()
                    : l.unitPrice().multiply(total).divide(subtotal, 6, RoundingMode.HALF_UP);
            net.add(new Purchase.Line(l.sku(), l.category(), l.quantity(), price));
        }
        return net;
    }

    @Override
    public Refunded refund(String source, String refund, BigDecimal share, boolean releaseVouchers) {
        Sources.require(source, "source");
        Sources.require(refund, "refund");
        if (share == null || share.signum() <= 0 || share.compareTo(BigDecimal.ONE) > 0) {
            throw Problem.invalidField("share", "share is the refunded part of the sale, more than 0 and at most 1");
        }
        return database.inTransaction(tx -> {
            Priced sale = recorded(tx, source).orElseThrow(() -> Problem.invalidField("source", "The club has no sale " + source));
            String memberId = sale.memberId();
            if (memberId != null) {
                Members.lock(tx, memberId);
            }
            Optional<String> before = Sql.one(tx, "SELECT result_json FROM club_checkout_refund WHERE refund = ?", rs -> rs.getString(1), refund);
            if (before.isPresent()) {
                Refunded first = read(before.get(), Refunded.class);
                return new Refunded(false, first.memberId(), first.share(), first.pointsTakenBack(), first.pointsGivenBack(),
                        first.storedValueRefunded(), first.vouchersReleased(), first.pointsBalance(), first.tier());
            }
            BigDecimal refundedBefore = Sql.decimal(tx, "SELECT COALESCE(SUM(share), 0) FROM club_checkout_refund WHERE source = ?", source);
            if (refundedBefore.add(share).compareTo(BigDecimal.ONE) > 0) {
                throw Problem.invalidField("share", "Only " + BigDecimal.ONE.subtract(refundedBefore).stripTrailingZeros().toPlainString()
                        + " of sale " + source + " is left to refund");
            }
            long takenBack = 0;
            long givenBack = 0;
            BigDecimal cardBack = BigDecimal.ZERO;
            Long balance = null;
            String tier = null;
            if (memberId != null) {
                // a sale made while no programme was in force counted no spend and no points: nothing to take back
                if (sales.counted(tx, memberId, source)) {
                    PointsLedger.Balance pointsBefore = points.balance(tx, memberId);
                    long earnedBefore = pointsBefore.lifetimeEarned();
                    long redeemedBefore = pointsBefore.lifetimeRedeemed();
                    Sales.Recorded recorded = sales.refund(tx, memberId, source, refund, share);
                    takenBack = earnedBefore - recorded.balance().lifetimeEarned();
                    givenBack = redeemedBefore - recorded.balance().lifetimeRedeemed();
                }
                BigDecimal refundable = storedValue.refundable(tx, memberId, source);
                if (refundable.signum() > 0) {
                    boolean last = refundedBefore.add(share).compareTo(BigDecimal.ONE) == 0;
                    cardBack = last ? refundable : sale.storedValueUsed().multiply(share).setScale(2, RoundingMode.HALF_UP).min(refundable);
                    if (cardBack.signum() > 0) {
                        storedValue.refund(tx, memberId, source, refund, cardBack);
                    }
                }
                balance = points.balance(tx, memberId).available();
                tier = tiers.tierFor(tx, memberId);
            }
            List<String> released = new ArrayList<>();
            if (releaseVouchers) {
                for (Vouchers.Use use : vouchers.usedBy(tx, source)) {
                    vouchers.release(tx, use.code(), source, refund);
                    released.add(use.code());
                }
            }
            Refunded result = new Refunded(true, memberId, share, takenBack, givenBack, cardBack, released, balance, tier);
            Sql.update(tx, "INSERT INTO club_checkout_refund (refund, source, share, result_json, created_at) VALUES (?, ?, ?, ?, ?)",
                    refund, source, share, json(result), Instant.now());
            return result;
        });
    }

    private static Optional<Priced> recorded(Connection tx, String source) throws SQLException {
        Optional<String> json = Sql.one(tx, "SELECT result_json FROM club_checkout WHERE source = ?", rs -> rs.getString(1), source);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        Priced first = read(json.get(), Priced.class);
        return Optional.of(new Priced(false, first.memberId(), first.currency(), first.subtotal(), first.discounts(), first.total(),
                first.storedValueUsed(), first.amountDue(), first.pointsRedeemed(), first.pointsEarned(), first.earning(),
                first.pointsBalance(), first.storedValueBalance(), first.tier()));
    }

    private static String json(Object answer) {
        try {
            return MemberJson.MAPPER.writeValueAsString(answer);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return MemberJson.MAPPER.readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A stored checkout answer is not readable", e);
        }
    }

    private static void requireMember(Member member, String field) {
        if (member == null) {
            throw Problem.invalidField(field, "Paying with " + field + " needs a member (memberId or card)");
        }
    }

    private static void validate(Checkout c) {
        if (c == null) {
            throw Problem.badRequest("A basket is required");
        }
        if (c.currency() == null || !c.currency().matches("[A-Z]{3}")) {
            throw Problem.invalidField("currency", "currency is an ISO 4217 code such as IRR");
        }
        if (c.lines() == null || c.lines().isEmpty() || c.lines().size() > MAX_LINES) {
            throw Problem.invalidField("lines", "A basket has 1 to " + MAX_LINES + " lines");
        }
        for (int i = 0; i < c.lines().size(); i++) {
            Line l = c.lines().get(i);
            String at = "lines[" + i + "]";
            Purchase.Line.check(l.sku(), l.quantity(), l.unitPrice(), at);
        }
        if (c.points() < 0) {
            throw Problem.invalidField("points", "points to redeem is 0 or more");
        }
        if (c.storedValue() == null || c.storedValue().signum() < 0) {
            throw Problem.invalidField("storedValue", "storedValue is 0 or more");
        }
        if (c.vouchers() == null || c.vouchers().size() > 10) {
            throw Problem.invalidField("vouchers", "At most 10 vouchers on a basket");
        }
        if (new HashSet<>(c.vouchers()).size() != c.vouchers().size()) {
            throw Problem.invalidField("vouchers", "A voucher is given once");
        }
    }
}
