package org.vafa.club.points;

import java.time.Instant;
import java.util.Map;
import org.apache.camel.Exchange;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.events.EventHeaders;
import org.vafa.club.members.Member;
import org.vafa.club.members.Members;
import org.vafa.club.rules.ClubRules;
import org.vafa.club.rules.RuleSet;

/**
 * Bonuses the programme in force promises, awarded by routes ({@code routes/club-bonuses.camel.yaml})
 * as reactions to club events: the joining bonus when a member registers, and the referral bonuses
 * (for the new member and the one who referred them) at the new member's first purchase. Each bonus
 * has its own source key, so a redelivered event never pays twice.
 */
@Component(service = Bonuses.class, property = "name=clubBonuses")
public class Bonuses {
    private static final Logger LOG = LoggerFactory.getLogger(Bonuses.class);
    static final String BONUS = "bonus:";

    @Reference
    private ClubRules rules;
    @Reference
    private PointsLedger points;
    @Reference
    private Members members;

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
     * The programme that was in force when the event happened: what a member is owed does not depend
     * on how soon the event is delivered (a member who joined before a programme existed gets none of
     * its joining bonus, even if the delivery comes after it was put in force).
     */
    private RuleSet programmeAt(Exchange exchange) {
        Instant happened = Instant.parse(exchange.getMessage().getHeader(EventHeaders.TIME, String.class));
        return rules.at(happened).map(ClubRules.Version::rules).orElse(null);
    }
}
