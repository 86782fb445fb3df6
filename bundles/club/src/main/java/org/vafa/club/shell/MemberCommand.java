package org.vafa.club.shell;

import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.vafa.club.members.ClubDates;
import org.vafa.club.members.Member;
import org.vafa.club.members.Members;
import org.vafa.club.points.PointsLedger;
import org.vafa.club.storedvalue.StoredValue;
import org.vafa.club.tiers.MemberTiers;
import org.vafa.club.vouchers.Vouchers;

@Service
@Command(scope = "vafa", name = "club-member", description = "Shows a member found by mobile (any usual form), card number or id:"
        + " status, tier, points, stored value, vouchers")
public class MemberCommand implements Action {
    @Argument(index = 0, name = "who", description = "mobile, card number or member id", required = true)
    private String who;

    @Reference
    private Members members;
    @Reference
    private PointsLedger points;
    @Reference
    private StoredValue storedValue;
    @Reference
    private MemberTiers tiers;
    @Reference
    private Vouchers vouchers;

    @Override
    public Object execute() {
        Optional<Member> found = members.get(who).or(() -> members.byCard(who));
        if (found.isEmpty()) {
            try {
                found = members.byMobile(who, "mobile");
            } catch (RuntimeException notAMobile) {
                // neither id, card nor mobile
            }
        }
        if (found.isEmpty()) {
            System.out.println("No member " + who);
            return null;
        }
        Member m = found.get();
        PointsLedger.Balance balance = points.balance(m.id());
        StoredValue.Balance card = storedValue.balance(m.id());
        System.out.printf("%s %s  (%s)%n", m.firstName(), m.lastName(), m.id());
        System.out.printf("  mobile %s, cards %s, status %s, joined %s%n", m.mobile(), String.join(" ", m.cards()),
                m.status().name().toLowerCase(), ClubDates.jalali(m.joinedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate()));
        System.out.printf("  tier %s%n", tiers.tier(m.id()).map(t -> t.tier() + (t.manual() ? " (set by hand)" : "") + " since "
                + t.since()).orElse("-"));
        System.out.printf("  points %d available, %d pending, %d earned, %d redeemed in all%n", balance.available(), balance.pending(),
                balance.lifetimeEarned(), balance.lifetimeRedeemed());
        System.out.printf("  stored value %s %s%n", card.balance().stripTrailingZeros().toPlainString(), card.currency());
        System.out.printf("  vouchers %s%n", vouchers.heldBy(m.id()).stream().map(Vouchers.Voucher::code).toList());
        return null;
    }
}
