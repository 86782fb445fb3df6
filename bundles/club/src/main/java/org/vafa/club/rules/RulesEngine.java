package org.vafa.club.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.vafa.api.rest.Problem;
import org.vafa.club.members.ClubDates;

/**
 * Evaluates a {@link RuleSet} for a purchase. Points = (Σ line amount × category multiplier × multipliers
 * of the campaigns that apply to the line) ÷ per × points, × tier multiplier × birthday/anniversary
 * multipliers, rounded once as the rule set says, + fixed bonuses. Nothing below the minimum spend.
 */
public final class RulesEngine {
    /** More than any basket earns: beyond it the input is a mistake (and would overflow a count). */
    private static final BigDecimal MAX_POINTS = new BigDecimal("1000000000000000");

    private RulesEngine() {
    }

    public static Earning evaluate(RuleSet rules, Purchase purchase, MemberFacts member) {
        if (!rules.currency().equals(purchase.currency())) {
            throw new IllegalArgumentException("The purchase is in " + purchase.currency() + ", the programme earns on "
                    + rules.currency());
        }
        List<String> why = new ArrayList<>();
        List<RuleSet.Campaign> active = rules.campaigns().stream().filter(c -> applies(c, purchase)).toList();
        BigDecimal spend = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        for (Purchase.Line line : purchase.lines()) {
            RuleSet.Category category = rules.categories().get(line.category());
            if (category != null && category.exclude()) {
                why.add(line.sku() + ": category " + line.category() + " earns no points");
                continue;
            }
            BigDecimal amount = line.total();
            spend = spend.add(amount);
            BigDecimal factor = category == null ? BigDecimal.ONE : category.multiplier();
            if (category != null && category.multiplier().compareTo(BigDecimal.ONE) != 0) {
                why.add(line.sku() + ": category " + line.category() + " ×" + plain(category.multiplier()));
            }
            for (RuleSet.Campaign c : active) {
                if (c.categories().isEmpty() || c.categories().contains(line.category())) {
                    factor = factor.multiply(c.multiplier());
                }
            }
            weighted = weighted.add(amount.multiply(factor));
        }
        if (spend.compareTo(rules.minimumSpend()) < 0) {
            why.add("spend " + plain(spend) + " " + rules.currency() + " is below the minimum of " + plain(rules.minimumSpend()));
            return new Earning(0, why);
        }
        if (rules.pointsPer().signum() > 0) {
            why.add(plain(rules.pointsPer()) + " points per " + plain(rules.per()) + " " + rules.currency() + " on " + plain(spend));
        }
        BigDecimal points = weighted.divide(rules.per(), MathContext.DECIMAL64).multiply(rules.pointsPer());
        long bonus = rules.perVisit();
        if (rules.perVisit() > 0) {
            why.add("a visit +" + rules.perVisit());
        }
        for (RuleSet.Campaign c : active) {
            if (c.multiplier().compareTo(BigDecimal.ONE) != 0) {
                why.add("campaign " + c.name() + " ×" + plain(c.multiplier())
                        + (c.categories().isEmpty() ? "" : " on " + String.join(", ", c.categories())));
            }
            if (c.bonus() > 0) {
                why.add("campaign " + c.name() + " +" + c.bonus());
                bonus += c.bonus();
            }
        }
        BigDecimal[] byPayment = paymentWeights(rules, purchase, why);
        // multiplied before divided: 120 × 190 / 120 is 190 exactly, where 120 × (190 / 120) would round to 189.99...
        points = points.multiply(byPayment[0]).divide(byPayment[1], MathContext.DECIMAL64);
        if (member.tier() != null && rules.tierMultipliers().containsKey(member.tier())) {
            BigDecimal m = rules.tierMultipliers().get(member.tier());
            points = points.multiply(m);
            if (m.compareTo(BigDecimal.ONE) != 0) {
                why.add("tier " + member.tier() + " ×" + plain(m));
            }
        }
        for (var d : List.of(new Object[] {"birthday", rules.birthday(), member.birthDate()},
                new Object[] {"anniversary", rules.anniversary(), member.anniversary()})) {
            RuleSet.DateBonus rule = (RuleSet.DateBonus) d[1];
            LocalDate date = (LocalDate) d[2];
            if (rule != null && date != null && sameDayOfYear(date, purchase.date(), rule.jalali())) {
                if (rule.multiplier().compareTo(BigDecimal.ONE) != 0) {
                    points = points.multiply(rule.multiplier());
                    why.add(d[0] + " ×" + plain(rule.multiplier()));
                }
                if (rule.bonus() > 0) {
                    bonus += rule.bonus();
                    why.add(d[0] + " +" + rule.bonus());
                }
            }
        }
        BigDecimal rounded = points.setScale(0, rules.rounding());
        if (rounded.compareTo(MAX_POINTS) > 0) {
            throw Problem.invalidField("lines", "The basket would earn more than " + MAX_POINTS.toPlainString() + " points");
        }
        long total = rounded.longValueExact() + bonus;
        return new Earning(total, why);
    }

    /**
     * How the basket was paid, as a multiplier {@code weighted / paid}: each payment times its method's multiplier (1 for
     * a method the programme does not name), over what was paid. 1/1 when the programme names no method or the payments
     * are not known.
     */
    private static BigDecimal[] paymentWeights(RuleSet rules, Purchase purchase, List<String> why) {
        if (rules.paymentMultipliers().isEmpty() || purchase.payments().isEmpty()) {
            return new BigDecimal[] {BigDecimal.ONE, BigDecimal.ONE};
        }
        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        for (Purchase.Payment p : purchase.payments()) {
            BigDecimal m = rules.paymentMultipliers().getOrDefault(p.method(), BigDecimal.ONE);
            paid = paid.add(p.amount());
            weighted = weighted.add(p.amount().multiply(m));
            if (m.compareTo(BigDecimal.ONE) != 0 && p.amount().signum() > 0) {
                why.add("paid " + plain(p.amount()) + " by " + p.method() + " ×" + plain(m));
            }
        }
        return paid.signum() <= 0 ? new BigDecimal[] {BigDecimal.ONE, BigDecimal.ONE} : new BigDecimal[] {weighted, paid};
    }

    /** Points turned into money off a basket: {@code points} used for {@code amount}. */
    public record Discount(long points, BigDecimal amount) {
    }

    /**
     * The most that up to {@code points} points buy off a basket: whole redemption steps (100 points →
     * 5.00), no more than the basket share allows; only the points of those steps are used.
     */
    public static Discount pointsDiscount(RuleSet rules, long points, BigDecimal basketTotal) {
        RuleSet.Redemption r = rules.redemption();
        if (r == null) {
            throw new IllegalArgumentException("This programme does not turn points into discounts");
        }
        long steps = Math.max(0, points) / r.points();
        BigDecimal cap = basketTotal.multiply(r.maxShareOfBasket());
        if (r.value().signum() > 0) {
            steps = Math.min(steps, cap.divide(r.value(), 0, java.math.RoundingMode.DOWN).longValue());
        }
        return new Discount(steps * r.points(), r.value().multiply(BigDecimal.valueOf(steps)));
    }

    static boolean applies(RuleSet.Campaign c, Purchase p) {
        return (c.from() == null || !p.date().isBefore(c.from()))
                && (c.to() == null || !p.date().isAfter(c.to()))
                && (c.weekdays().isEmpty() || c.weekdays().contains(p.date().getDayOfWeek()))
                && (c.branches().isEmpty() || p.branch() != null && c.branches().contains(p.branch()));
    }

    /**
     * Whether {@code day} is the yearly return of {@code significant} (a birthday, an anniversary) in
     * the calendar; a 29 February (Gregorian) or 30 Esfand (Jalali) is kept on the year's last day
     * of that month when the year has no such day.
     */
    public static boolean sameDayOfYear(LocalDate significant, LocalDate day, boolean jalali) {
        if (jalali) {
            String mmdd = ClubDates.jalali(significant).substring(5);
            String today = ClubDates.jalali(day).substring(5);
            return mmdd.equals(today)
                    || (mmdd.equals("12-30") && today.equals("12-29") && ClubDates.jalali(day.plusDays(1)).endsWith("-01-01"));
        }
        return (significant.getMonth() == day.getMonth() && significant.getDayOfMonth() == day.getDayOfMonth())
                || (significant.getMonthValue() == 2 && significant.getDayOfMonth() == 29 && day.getMonthValue() == 2
                && day.getDayOfMonth() == 28 && !day.isLeapYear());
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
