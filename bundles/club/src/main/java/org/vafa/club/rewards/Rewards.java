package org.vafa.club.rewards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.events.EventLog;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.Fields;
import org.vafa.api.db.Sql;
import org.vafa.club.members.Member;
import org.vafa.club.members.MemberJson;
import org.vafa.club.members.Members;
import org.vafa.club.points.PointsLedger;

/**
 * The rewards catalogue: items and gifts with a cost in points and an optional stock. A member's
 * claim spends the points and takes from the stock in one transaction; cancelling it gives both
 * back. Routes reach it as {@code bean:clubRewards}.
 */
@Component(service = Rewards.class, property = "name=clubRewards")
public class Rewards {
    private static final Set<String> FIELDS = Set.of("name", "description", "pointsCost", "stock", "active");

    @Reference
    private Database database;
    @Reference
    private EventLog eventLog;
    @Reference
    private PointsLedger points;
    @Reference
    private Members members;

    public Rewards() {
    }

    /** Outside OSGi (tests). */
    public Rewards(Database database, EventLog eventLog, PointsLedger points, Members members) {
        this.database = database;
        this.eventLog = eventLog;
        this.points = points;
        this.members = members;
    }

    /** {@code stock} null: unlimited. */
    public record Reward(String id, String name, String description, long pointsCost, Integer stock, boolean active,
                         Instant updatedAt) {
    }

    public record Claim(String id, String rewardId, String memberId, int quantity, long points, String status, Instant claimedAt,
                        Instant cancelledAt) {
    }

    public record Claimed(Claim claim, PointsLedger.Balance balance) {
    }

    /** {@code POST /api/club/rewards}: {@code stock} null is unlimited. Checked however it is made. */
    public record NewReward(String name, String description, long pointsCost, Integer stock, boolean active) {
        public NewReward {
            name = text("name", name, 200, true);
            description = text("description", description, 2000, false);
            if (pointsCost < 1 || pointsCost > 1_000_000_000L) {
                throw Problem.invalidField("pointsCost", "pointsCost is a whole number from 1 to 1000000000");
            }
            checkStock(stock);
        }

        /** From a request's JSON: only these fields, each of its type. */
        public static NewReward read(JsonNode body) {
            Fields f = new Fields(body, FIELDS);
            if (!f.has("pointsCost")) {
                throw Problem.invalidField("pointsCost", "pointsCost is required");
            }
            return new NewReward(f.text("name", true, 200), f.text("description", false, 2000),
                    f.whole("pointsCost", 1, 1_000_000_000L, 1), readStock(f), f.flag("active", true));
        }
    }

    /** {@code PATCH /api/club/rewards/{id}}: only the fields in {@code given} change ({@code "stock": null} makes it unlimited). */
    public record RewardChanges(@com.fasterxml.jackson.annotation.JsonIgnore Set<String> given, String name, String description,
                                Long pointsCost, Integer stock, Boolean active) {
        public RewardChanges {
            given = Set.copyOf(given);
            if (given.contains("name")) {
                name = text("name", name, 200, true);
            }
            description = text("description", description, 2000, false);
            if (pointsCost != null && (pointsCost < 1 || pointsCost > 1_000_000_000L)) {
                throw Problem.invalidField("pointsCost", "pointsCost is a whole number from 1 to 1000000000");
            }
            checkStock(stock);
        }

        public static RewardChanges read(JsonNode body) {
            Fields f = new Fields(body, FIELDS);
            return new RewardChanges(f.given(), f.text("name", false, 200), f.text("description", false, 2000),
                    f.has("pointsCost") ? f.whole("pointsCost", 1, 1_000_000_000L, 1) : null, readStock(f),
                    f.has("active") ? f.flag("active", true) : null);
        }

        Reward applyTo(Reward r) {
            return new Reward(r.id(), given.contains("name") ? name : r.name(),
                    given.contains("description") ? description : r.description(), pointsCost != null ? pointsCost : r.pointsCost(),
                    given.contains("stock") ? stock : r.stock(), active != null ? active : r.active(), Instant.now());
        }
    }

    private static String text(String field, String value, int max, boolean required) {
        if (value == null ? required : !Fields.visible(value) || value.length() > max) {
            throw Problem.invalidField(field, field + " is text of 1 to " + max + " characters" + (required ? ", required" : ""));
        }
        return value == null ? null : value.trim();
    }

    private static void checkStock(Integer stock) {
        if (stock != null && (stock < 0 || stock > 10_000_000)) {
            throw Problem.invalidField("stock", "stock is a whole number from 0 to 10000000, or null for unlimited");
        }
    }

    private static Integer readStock(Fields f) {
        return f.has("stock") ? Integer.valueOf((int) f.whole("stock", 0, 10_000_000, 0)) : null;
    }

    public Reward create(NewReward r) {
        Reward reward = new Reward(UUID.randomUUID().toString(), r.name(), r.description(), r.pointsCost(), r.stock(), r.active(),
                Instant.now());
        return database.inTransaction(tx -> {
            Sql.update(tx, "INSERT INTO club_reward (id, name, description, points_cost, stock, active, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", reward.id(), reward.name(), reward.description(), reward.pointsCost(),
                    reward.stock(), reward.active(), reward.updatedAt());
            return reward;
        });
    }

    public Reward update(String id, RewardChanges changes) {
        return database.inTransaction(tx -> {
            Reward r = reward(tx, id, true).orElseThrow(() -> Problem.notFound("No reward " + id));
            Reward changed = changes.applyTo(r);
            Sql.update(tx, "UPDATE club_reward SET name = ?, description = ?, points_cost = ?, stock = ?, active = ?, updated_at = ?"
                    + " WHERE id = ?", changed.name(), changed.description(), changed.pointsCost(), changed.stock(), changed.active(),
                    changed.updatedAt(), id);
            return changed;
        });
    }

    /** The catalogue, by cost; {@code all} includes inactive rewards. */
    public List<Reward> list(boolean all) {
        return database.inTransaction(tx -> Sql.list(tx, "SELECT id, name, description, points_cost, stock, active, updated_at"
                + " FROM club_reward" + (all ? "" : " WHERE active = TRUE") + " ORDER BY points_cost, name", Rewards::reward));
    }

    public Optional<Reward> get(String id) {
        return database.inTransaction(tx -> reward(tx, id, false));
    }

    /** The member spends {@code quantity} × the cost; 409 when the reward is inactive or out of stock, or points are short. */
    public Claimed claim(String memberId, String rewardId, int quantity) {
        if (quantity < 1 || quantity > 100) {
            throw Problem.invalidField("quantity", "quantity is a whole number from 1 to 100");
        }
        Member member = members.get(memberId).orElseThrow(() -> Problem.notFound("No member " + memberId));
        if (member.status() != Member.Status.ACTIVE) {
            throw Problem.conflict("Only an active member can claim rewards (this one is " + member.status().name().toLowerCase() + ")");
        }
        return database.inTransaction(tx -> {
            Members.lock(tx, memberId);
            Reward reward = reward(tx, rewardId, true).orElseThrow(() -> Problem.invalidField("rewardId", "No reward " + rewardId));
            if (!reward.active()) {
                throw new Problem(409, "Reward not available", reward.name() + " is not offered now", "rewardId");
            }
            if (reward.stock() != null && reward.stock() < quantity) {
                throw new Problem(409, "Out of stock", "Only " + reward.stock() + " of " + reward.name() + " are left", "quantity");
            }
            Claim claim = new Claim(UUID.randomUUID().toString(), rewardId, memberId, quantity, reward.pointsCost() * quantity,
                    "CLAIMED", Instant.now(), null);
            PointsLedger.Outcome spent = points.redeem(tx, memberId, claim.points(), source(claim.id()));
            if (reward.stock() != null) {
                Sql.update(tx, "UPDATE club_reward SET stock = stock - ? WHERE id = ?", quantity, rewardId);
            }
            Sql.update(tx, "INSERT INTO club_reward_claim (id, reward_id, member_id, quantity, points, status, claimed_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", claim.id(), rewardId, memberId, quantity, claim.points(), claim.status(),
                    claim.claimedAt());
            event(tx, "club.reward.claimed", claim, reward);
            return new Claimed(claim, spent.balance());
        });
    }

    /** The claim is undone: points and stock back; cancelling twice changes nothing more. */
    public Claimed cancel(String claimId) {
        return database.inTransaction(tx -> {
            Claim claim = claim(tx, claimId).orElseThrow(() -> Problem.notFound("No reward claim " + claimId));
            Members.lock(tx, claim.memberId());
            claim = claim(tx, claimId).orElseThrow();
            if (claim.status().equals("CANCELLED")) {
                return new Claimed(claim, points.balance(tx, claim.memberId()));
            }
            PointsLedger.Outcome back = points.reverse(tx, claim.memberId(), source(claimId), "reward-cancel:" + claimId, BigDecimal.ONE);
            Reward reward = reward(tx, claim.rewardId(), true).orElseThrow();
            if (reward.stock() != null) {
                Sql.update(tx, "UPDATE club_reward SET stock = stock + ? WHERE id = ?", claim.quantity(), reward.id());
            }
            Sql.update(tx, "UPDATE club_reward_claim SET status = 'CANCELLED', cancelled_at = ? WHERE id = ?", Instant.now(), claimId);
            Claim cancelled = claim(tx, claimId).orElseThrow();
            event(tx, "club.reward.cancelled", cancelled, reward);
            return new Claimed(cancelled, back.balance());
        });
    }

    /** Newest first. */
    public List<Claim> claimsOf(String memberId) {
        return database.inTransaction(tx -> Sql.list(tx, "SELECT id, reward_id, member_id, quantity, points, status, claimed_at,"
                + " cancelled_at FROM club_reward_claim WHERE member_id = ? ORDER BY claimed_at DESC", Rewards::claim, memberId));
    }

    private static String source(String claimId) {
        return "reward:" + claimId;
    }

    private void event(Connection tx, String type, Claim claim, Reward reward) throws SQLException {
        ObjectNode data = MemberJson.MAPPER.valueToTree(claim);
        data.put("rewardName", reward.name());
        eventLog.append(tx, "club", type, claim.memberId(), data);
    }

    private static Optional<Reward> reward(Connection tx, String id, boolean lock) throws SQLException {
        return Sql.one(tx, "SELECT id, name, description, points_cost, stock, active, updated_at FROM club_reward WHERE id = ?"
                + (lock ? " FOR UPDATE" : ""), Rewards::reward, id);
    }

    private static Reward reward(java.sql.ResultSet rs) throws SQLException {
        Number stock = (Number) rs.getObject(5);
        return new Reward(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), stock == null ? null : stock.intValue(),
                rs.getBoolean(6), Sql.instant(rs, 7));
    }

    private static Optional<Claim> claim(Connection tx, String id) throws SQLException {
        return Sql.one(tx, "SELECT id, reward_id, member_id, quantity, points, status, claimed_at, cancelled_at FROM club_reward_claim"
                + " WHERE id = ?", Rewards::claim, id);
    }

    private static Claim claim(java.sql.ResultSet rs) throws SQLException {
        return new Claim(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5), rs.getString(6),
                Sql.instant(rs, 7), Sql.instant(rs, 8));
    }
}
