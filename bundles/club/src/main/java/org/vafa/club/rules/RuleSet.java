package org.vafa.club.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An earning programme as configuration: how many points a purchase earns. Parsed from JSON and
 * validated; a mistake is reported with the path of the offending field
 * ({@code campaigns[1].weekdays[0]}). See {@code rules/*.json} in this bundle for real programmes.
 *
 * <pre>
 * {
 *   "name": "...", "currency": "USD",
 *   "earn": {"points": 10, "per": 1, "rounding": "down"},     // 10 points per 1.00 spent
 *                                                             // ("perVisit": 1 — a stamp per purchase, e.g. a restaurant's)
 *   "minimumSpend": 5,                                         // below: nothing
 *   "categories": {"gift-cards": {"exclude": true}, "shoes": {"multiplier": 2}},
 *   "tierMultipliers": {"gold": 3},
 *   "payments": {"nordstrom-card": {"multiplier": 2}},        // on the share of the basket paid that way
 *   "campaigns": [{"name": "...", "from": "2026-12-01", "to": "2026-12-31", "weekdays": ["FRIDAY"],
 *                  "branches": ["tehran-1"], "multiplier": 2, "bonus": 50}],
 *   "bonuses": {"joining": 500, "birthday": {"multiplier": 2, "bonus": 0, "gift": 50, "calendar": "jalali"},
 *               "anniversary": {...}, "referral": {"referrer": 200, "newMember": 100}},
 *   "redemption": {"points": 100, "value": 5, "maxShareOfBasket": 0.5},
 *   "notes": {"every": 2000, "value": 20, "validDays": 365}   // 2,000 points become a $20 voucher by themselves
 * }
 * </pre>
 */
public record RuleSet(String name, String currency, BigDecimal pointsPer, BigDecimal per, RoundingMode rounding,
                      BigDecimal minimumSpend, Map<String, Category> categories, Map<String, BigDecimal> tierMultipliers,
                      List<Campaign> campaigns, long joiningBonus, DateBonus birthday, DateBonus anniversary,
                      long referrerBonus, long newMemberReferralBonus, Redemption redemption, Tiers tiers,
                      Map<String, BigDecimal> paymentMultipliers, Notes notes, long perVisit) {

    public record Category(boolean exclude, BigDecimal multiplier) {
    }

    public record Campaign(String name, LocalDate from, LocalDate to, Set<DayOfWeek> weekdays, Set<String> branches,
                           Set<String> categories, BigDecimal multiplier, long bonus) {
    }

    /**
     * On the member's (Jalali or Gregorian) birthday or anniversary: a multiplier and/or a fixed bonus
     * on purchases that day, and/or a gift of points paid by the daily route without a purchase.
     */
    public record DateBonus(BigDecimal multiplier, long bonus, long gift, boolean jalali) {
    }

    /**
     * Tiers by spend (or by points earned) over a rolling window: a member reaches a level as soon as
     * the window's total reaches its threshold, and drops only at re-qualification,
     * {@code graceMonths} after the window ran out without enough. Levels are in ascending order; the
     * first starts at 0.
     */
    public record Tiers(Basis basis, int windowMonths, int graceMonths, List<Level> levels) {
        public enum Basis { SPEND, POINTS }

        public record Level(String name, BigDecimal from) {
        }

        /** The highest level the spend reaches. */
        public String levelFor(BigDecimal spend) {
            String level = levels.get(0).name();
            for (Level l : levels) {
                if (spend.compareTo(l.from()) >= 0) {
                    level = l.name();
                }
            }
            return level;
        }

        public int rank(String level) {
            for (int i = 0; i < levels.size(); i++) {
                if (levels.get(i).name().equals(level)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * Reward notes: whenever a sale leaves the member's available points at {@code every} or more, that many points
     * become a voucher of {@code value} bound to the member, valid {@code validDays} days (Kohl's: 100 → $5; Nordstrom:
     * 2,000 → a $20 Note; SaksFirst: 2,500 → a $25 gift card).
     */
    public record Notes(long every, BigDecimal value, int validDays) {
    }

    /** {@code points} points are worth {@code value} money, for at most {@code maxShareOfBasket} of a basket. */
    public record Redemption(long points, BigDecimal value, BigDecimal maxShareOfBasket) {
    }

    /** A rule set that does not hold together; {@code path} names the field. */
    public static final class Invalid extends IllegalArgumentException {
        private final String path;

        Invalid(String path, String message) {
            super(path + ": " + message);
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    private static final ObjectMapper MAPPER = org.vafa.api.rest.RestJson.MAPPER;
    private static final Set<String> TOP = Set.of("name", "currency", "earn", "minimumSpend", "categories", "tierMultipliers",
            "campaigns", "bonuses", "redemption", "tiers", "payments", "notes");

    public static RuleSet parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (Exception e) {
            throw new Invalid("$", "not JSON: " + e.getMessage());
        }
        return parse(root);
    }

    public static RuleSet parse(JsonNode root) {
        object(root, "$", TOP);
        String name = text(root, "name", "$", true);
        String currency = text(root, "currency", "$", true);
        if (!currency.matches("[A-Z]{3}")) {
            throw new Invalid("currency", "an ISO 4217 code such as IRR, USD, EUR");
        }
        JsonNode earn = root.get("earn");
        object(earn, "earn", Set.of("points", "per", "rounding", "perVisit"));
        long perVisit = whole(earn, "perVisit", "earn");
        BigDecimal points = decimal(earn, "points", "earn", true, BigDecimal.ZERO);
        BigDecimal per = decimal(earn, "per", "earn", true, null);
        if (per.signum() <= 0) {
            throw new Invalid("earn.per", "must be more than 0");
        }
        RoundingMode rounding = switch (text(earn, "rounding", "earn", false) == null ? "down" : earn.get("rounding").asText()) {
            case "down" -> RoundingMode.DOWN;
            case "up" -> RoundingMode.UP;
            case "nearest" -> RoundingMode.HALF_UP;
            default -> throw new Invalid("earn.rounding", "one of down, up, nearest");
        };
        BigDecimal minimumSpend = root.has("minimumSpend") ? decimal(root, "minimumSpend", "$", true, BigDecimal.ZERO) : BigDecimal.ZERO;

        Map<String, Category> categories = new LinkedHashMap<>();
        JsonNode cats = root.get("categories");
        if (cats != null) {
            object(cats, "categories", null);
            for (Iterator<Map.Entry<String, JsonNode>> it = cats.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> c = it.next();
                String path = "categories." + c.getKey();
                object(c.getValue(), path, Set.of("exclude", "multiplier"));
                boolean exclude = c.getValue().path("exclude").asBoolean(false);
                BigDecimal multiplier = c.getValue().has("multiplier") ? decimal(c.getValue(), "multiplier", path, true, BigDecimal.ZERO) : BigDecimal.ONE;
                categories.put(c.getKey(), new Category(exclude, multiplier));
            }
        }
        Map<String, BigDecimal> tiers = new LinkedHashMap<>();
        JsonNode tierNode = root.get("tierMultipliers");
        if (tierNode != null) {
            object(tierNode, "tierMultipliers", null);
            tierNode.fieldNames().forEachRemaining(t -> tiers.put(t, decimal(tierNode, t, "tierMultipliers", true, BigDecimal.ZERO)));
        }
        Map<String, BigDecimal> paymentMultipliers = new LinkedHashMap<>();
        JsonNode payments = root.get("payments");
        if (payments != null) {
            object(payments, "payments", null);
            for (Iterator<Map.Entry<String, JsonNode>> it = payments.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> m = it.next();
                String path = "payments." + m.getKey();
                if (!m.getKey().matches("[a-z0-9][a-z0-9-]{0,39}")) {
                    throw new Invalid(path, "a payment method is lower-case letters, digits and '-', as the register names it");
                }
                object(m.getValue(), path, Set.of("multiplier"));
                paymentMultipliers.put(m.getKey(), decimal(m.getValue(), "multiplier", path, true, BigDecimal.ZERO));
            }
        }
        List<Campaign> campaigns = new ArrayList<>();
        JsonNode camps = root.get("campaigns");
        if (camps != null) {
            if (!camps.isArray()) {
                throw new Invalid("campaigns", "a list of campaigns");
            }
            for (int i = 0; i < camps.size(); i++) {
                campaigns.add(campaign(camps.get(i), "campaigns[" + i + "]"));
            }
        }
        JsonNode bonuses = root.path("bonuses");
        long joining = 0;
        DateBonus birthday = null;
        DateBonus anniversary = null;
        long referrer = 0;
        long newMember = 0;
        if (!bonuses.isMissingNode()) {
            object(bonuses, "bonuses", Set.of("joining", "birthday", "anniversary", "referral"));
            joining = whole(bonuses, "joining", "bonuses");
            birthday = dateBonus(bonuses.get("birthday"), "bonuses.birthday");
            anniversary = dateBonus(bonuses.get("anniversary"), "bonuses.anniversary");
            JsonNode referral = bonuses.get("referral");
            if (referral != null) {
                object(referral, "bonuses.referral", Set.of("referrer", "newMember"));
                referrer = whole(referral, "referrer", "bonuses.referral");
                newMember = whole(referral, "newMember", "bonuses.referral");
            }
        }
        Redemption redemption = null;
        JsonNode red = root.get("redemption");
        if (red != null) {
            object(red, "redemption", Set.of("points", "value", "maxShareOfBasket"));
            long redPoints = whole(red, "points", "redemption");
            if (redPoints <= 0) {
                throw new Invalid("redemption.points", "must be more than 0");
            }
            BigDecimal share = red.has("maxShareOfBasket") ? decimal(red, "maxShareOfBasket", "redemption", true, BigDecimal.ZERO) : BigDecimal.ONE;
            if (share.compareTo(BigDecimal.ONE) > 0) {
                throw new Invalid("redemption.maxShareOfBasket", "at most 1");
            }
            redemption = new Redemption(redPoints, decimal(red, "value", "redemption", true, BigDecimal.ZERO), share);
        }
        Notes notes = null;
        JsonNode noteNode = root.get("notes");
        if (noteNode != null) {
            object(noteNode, "notes", Set.of("every", "value", "validDays"));
            long every = whole(noteNode, "every", "notes");
            if (every <= 0) {
                throw new Invalid("notes.every", "the points a note takes: more than 0");
            }
            BigDecimal value = decimal(noteNode, "value", "notes", true, BigDecimal.ZERO);
            if (value.signum() <= 0) {
                throw new Invalid("notes.value", "a note's value is more than 0");
            }
            long days = noteNode.has("validDays") ? whole(noteNode, "validDays", "notes") : 365;
            if (days < 1 || days > 3650) {
                throw new Invalid("notes.validDays", "from 1 to 3650 days");
            }
            notes = new Notes(every, value, (int) days);
        }
        Tiers levels = tiers(root.get("tiers"));
        if (levels != null) {
            for (String t : tiers.keySet()) {
                if (levels.rank(t) < 0) {
                    throw new Invalid("tierMultipliers." + t, "not one of the tiers' levels");
                }
            }
        }
        return new RuleSet(name, currency, points, per, rounding, minimumSpend, categories, tiers, campaigns, joining, birthday,
                anniversary, referrer, newMember, redemption, levels, paymentMultipliers, notes, perVisit);
    }

    private static Tiers tiers(JsonNode node) {
        if (node == null) {
            return null;
        }
        object(node, "tiers", Set.of("basis", "windowMonths", "graceMonths", "levels"));
        String basis = node.path("basis").asText("spend");
        if (!basis.equals("spend") && !basis.equals("points")) {
            throw new Invalid("tiers.basis", "spend (money spent in the window) or points (points earned in the window)");
        }
        long window = whole(node, "windowMonths", "tiers");
        if (window < 1 || window > 120) {
            throw new Invalid("tiers.windowMonths", "from 1 to 120 months");
        }
        long grace = whole(node, "graceMonths", "tiers");
        JsonNode levels = node.get("levels");
        if (levels == null || !levels.isArray() || levels.size() < 2) {
            throw new Invalid("tiers.levels", "at least two levels, e.g. [{\"name\": \"bronze\", \"from\": 0}, ...]");
        }
        List<Tiers.Level> parsed = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            String path = "tiers.levels[" + i + "]";
            object(levels.get(i), path, Set.of("name", "from"));
            String name = text(levels.get(i), "name", path, true);
            BigDecimal from = decimal(levels.get(i), "from", path, true, BigDecimal.ZERO);
            if (i == 0 && from.signum() != 0) {
                throw new Invalid(path + ".from", "the first level starts at 0");
            }
            if (i > 0 && from.compareTo(parsed.get(i - 1).from()) <= 0) {
                throw new Invalid(path + ".from", "levels must be in ascending order");
            }
            if (parsed.stream().anyMatch(l -> l.name().equals(name))) {
                throw new Invalid(path + ".name", "a level named " + name + " exists already");
            }
            parsed.add(new Tiers.Level(name, from));
        }
        return new Tiers(Tiers.Basis.valueOf(basis.toUpperCase(Locale.ROOT)), (int) window, (int) grace, List.copyOf(parsed));
    }

    private static Campaign campaign(JsonNode c, String path) {
        object(c, path, Set.of("name", "from", "to", "weekdays", "branches", "categories", "multiplier", "bonus"));
        String name = text(c, "name", path, true);
        LocalDate from = date(c, "from", path);
        LocalDate to = date(c, "to", path);
        if (from != null && to != null && to.isBefore(from)) {
            throw new Invalid(path + ".to", "ends before it starts");
        }
        Set<DayOfWeek> weekdays = new java.util.LinkedHashSet<>();
        JsonNode days = c.get("weekdays");
        if (days != null) {
            for (int i = 0; i < days.size(); i++) {
                try {
                    weekdays.add(DayOfWeek.valueOf(days.get(i).asText().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new Invalid(path + ".weekdays[" + i + "]", "a day such as SATURDAY or FRIDAY");
                }
            }
        }
        BigDecimal multiplier = c.has("multiplier") ? decimal(c, "multiplier", path, true, BigDecimal.ZERO) : BigDecimal.ONE;
        long bonus = whole(c, "bonus", path);
        if (multiplier.compareTo(BigDecimal.ONE) == 0 && bonus == 0) {
            throw new Invalid(path, "a campaign needs a multiplier other than 1 or a bonus");
        }
        return new Campaign(name, from, to, weekdays, strings(c, "branches", path), strings(c, "categories", path), multiplier, bonus);
    }

    private static DateBonus dateBonus(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        object(node, path, Set.of("multiplier", "bonus", "gift", "calendar"));
        String calendar = node.path("calendar").asText("gregorian");
        if (!calendar.equals("jalali") && !calendar.equals("gregorian")) {
            throw new Invalid(path + ".calendar", "jalali or gregorian");
        }
        BigDecimal multiplier = node.has("multiplier") ? decimal(node, "multiplier", path, true, BigDecimal.ZERO) : BigDecimal.ONE;
        return new DateBonus(multiplier, whole(node, "bonus", path), whole(node, "gift", path), calendar.equals("jalali"));
    }

    // --- small readers with paths ---------------------------------------------------------------------

    private static void object(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new Invalid(path, "an object is required here");
        }
        if (allowed != null) {
            node.fieldNames().forEachRemaining(f -> {
                if (!allowed.contains(f)) {
                    throw new Invalid(path.equals("$") ? f : path + "." + f, "unknown field; allowed: " + new java.util.TreeSet<>(allowed));
                }
            });
        }
    }

    private static String text(JsonNode node, String field, String path, boolean required) {
        JsonNode v = node.get(field);
        String at = path.equals("$") ? field : path + "." + field;
        if (v == null || v.isNull()) {
            if (required) {
                throw new Invalid(at, "required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new Invalid(at, "text is required");
        }
        return v.asText();
    }

    private static BigDecimal decimal(JsonNode node, String field, String path, boolean required, BigDecimal min) {
        JsonNode v = node.get(field);
        String at = path.equals("$") ? field : path + "." + field;
        if (v == null || v.isNull()) {
            if (required) {
                throw new Invalid(at, "required");
            }
            return null;
        }
        if (!v.isNumber()) {
            throw new Invalid(at, "a number is required");
        }
        BigDecimal d = v.decimalValue();
        if (min != null && d.compareTo(min) < 0) {
            throw new Invalid(at, "must be at least " + min);
        }
        return d;
    }

    private static long whole(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.canConvertToExactIntegral() || v.asLong() < 0) {
            throw new Invalid(path + "." + field, "a whole number of points, 0 or more");
        }
        return v.asLong();
    }

    private static LocalDate date(JsonNode node, String field, String path) {
        String text = text(node, field, path, false);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new Invalid(path + "." + field, "a date YYYY-MM-DD");
        }
    }

    private static Set<String> strings(JsonNode node, String field, String path) {
        Set<String> out = new java.util.LinkedHashSet<>();
        JsonNode v = node.get(field);
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            throw new Invalid(path + "." + field, "a list");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw new Invalid(path + "." + field + "[" + i + "]", "text is required");
            }
            out.add(v.get(i).asText());
        }
        return out;
    }
}
