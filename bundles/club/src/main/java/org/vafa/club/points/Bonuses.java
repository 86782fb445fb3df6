package org.vafa.club.points;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.db.Database;
import org.vafa.api.events.EventHeaders;
import org.vafa.api.db.Sql;
import org.vafa.api.locale.PlatformLocale;
import org.vafa.club.members.ClubDates;
import org.vafa.club.members.Member;
import org.vafa.club.members.Members;
import org.vafa.club.rules.ClubRules;
import org.vafa.club.rules.RuleSet;
import org.vafa.club.rules.RulesEngine;

/**
 * Bonuses the programme in force promises, awarded by routes (the club's own {@code routes/club-bonuses.camel.yaml})
 * as reactions to club events: the joining bonus when a member registers, and the referral bonuses
 * (for the new member and the one who referred them) at the new member's first purchase, and the
 * daily birthday and anniversary gifts (its {@code routes/club-daily.camel.yaml}). Each bonus
 * has its own source key, so a redelivered event never pays twice.
 */
@Component(service = Bonuses.class, property = "name=clubBonuses", configurationPid = "org.vafa.club",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class Bonuses {
    private static final Logger LOG = LoggerFactory.getLogger(Bonuses.class);
    static final String BONUS = "bonus:";

    @Reference
    private ClubRules rules;
    @Reference
    private PointsLedger points;
    @Reference
    private Members members;
    @Reference
    private Database database;

    private ZoneId zone;

    public Bonuses() {
    }

    @Reference
    private PlatformLocale locale;

    @Activate
    void activate() {
        zone = locale.timeZone();
    }

    /** Outside OSGi (tests). */
    public Bonuses(ClubRules rules, PointsLedger points, Members members, Database database, ZoneId zone) {
        this.rules = rules;
        this.points = points;
        this.members = members;
        this.database = database;
        this.zone = zone;
    }

    /** On {@code club.member.registered}: the programme's joining bonus. */
    public void joining(Exchange exchange) {
        String memberId = exchange.getMessage().getHeader(EventHeaders.SUBJECT, String.class);
        RuleSet rules = programmeAt(exchange);
        if (rules == null || rules.joiningBonus() <= 0) {
            return;
        }
        points.earn(memberId, rules.joiningBonus(), BONUS + "joining:" + memberId, null);
    }

    /** On {@code club.points.earned}: at a referred member's first purchase, both referral bonuses. */
    public void referral(Exchange exchange) {
        String memberId = exchange.getMessage().getHeader(EventHeaders.SUBJECT, String.class);
        Object source = exchange.getMessage().getBody() instanceof Map<?, ?> data ? data.get("source") : null;
        if (source == null || source.toString().startsWith(BONUS)) {
            return; // bonuses are not purchases
        }
        RuleSet rules = programmeAt(exchange);
        Member member = members.get(memberId).orElse(null);
        if (rules == null || member == null || member.referredBy() == null) {
            return;
        }
        if (rules.newMemberReferralBonus() > 0) {
            points.earn(memberId, rules.newMemberReferralBonus(), BONUS + "referral:new:" + memberId, null);
        }
        if (rules.referrerBonus() > 0) {
            points.earn(member.referredBy(), rules.referrerBonus(), BONUS + "referral:referrer:" + memberId, null);
        }
        LOG.debug("Referral bonuses for {} and {}", memberId, member.referredBy());
    }

    /**
     * The programme's birthday and anniversary gifts for today (in the club's time zone, in the
     * programme's calendar), for active members; once per member, occasion and year (the source is
     * {@code bonus:birthday:<year>:<member>}), so the daily route can run as often as it likes.
     * Returns the members who got a gift.
     */
    public List<String> dayGifts(Instant now) {
        RuleSet programme = rules.current().map(ClubRules.Version::rules).orElse(null);
        if (programme == null) {
            return List.of();
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        List<String> gifted = new ArrayList<>();
        gifts(programme.birthday(), "birthday", "birth_date", today, gifted);
        gifts(programme.anniversary(), "anniversary", "anniversary", today, gifted);
        return gifted;
    }

    /** For the daily route: {@code bean:clubBonuses?method=dayGiftsNow}. */
    public List<String> dayGiftsNow() {
        return dayGifts(Instant.now());
    }

    private void gifts(RuleSet.DateBonus rule, String occasion, String column, LocalDate today, List<String> gifted) {
        if (rule == null || rule.gift() <= 0) {
            return;
        }
        // Gregorian month and day within a day of today find every Jalali match too; the exact test is in Java
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (LocalDate d : List.of(today.minusDays(1), today, today.plusDays(1))) {
            where.append(where.isEmpty() ? "" : " OR ").append("(EXTRACT(MONTH FROM ").append(column).append(") = ? AND EXTRACT(DAY FROM ")
                    .append(column).append(") = ?)");
            params.add(d.getMonthValue());
            params.add(d.getDayOfMonth());
        }
        List<Object[]> candidates = database.inTransaction(tx -> Sql.list(tx, "SELECT id, " + column + " FROM club_member"
                + " WHERE status = 'ACTIVE' AND " + column + " IS NOT NULL AND (" + where + ")",
                rs -> new Object[] {rs.getString(1), rs.getDate(2).toLocalDate()}, params.toArray()));
        String year = rule.jalali() ? ClubDates.jalali(today).substring(0, 4) : String.valueOf(today.getYear());
        for (Object[] c : candidates) {
            if (RulesEngine.sameDayOfYear((LocalDate) c[1], today, rule.jalali())) {
                String memberId = (String) c[0];
                if (points.earn(memberId, rule.gift(), BONUS + occasion + ":" + year + ":" + memberId, null).applied()) {
                    gifted.add(memberId);
                }
            }
        }
    }

    /**
     * The programme that was in force when the event happened: what a member is owed does not depend
     * on how soon the event is delivered (a member who joined before a programme existed gets none of
     * its joining bonus, even if the delivery comes after it was put in force).
     */
    private RuleSet programmeAt(Exchange exchange) {
        Instant happened = Instant.parse(exchange.getMessage().getHeader(EventHeaders.TIME, String.class));
        return rules.at(happened).map(ClubRules.Version::rules).orElse(null);
    }
}
