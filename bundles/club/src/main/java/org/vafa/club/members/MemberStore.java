package org.vafa.club.members;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of the member registry; every method works in the caller's transaction. */
final class MemberStore {
    private static final String COLUMNS = "id, first_name, last_name, mobile, email, birth_date, anniversary, gender, city,"
            + " consent_sms, consent_email, status, referral_code, referred_by, joined_at, left_at, updated_at";

    void insert(Connection tx, Member m) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO club_member (" + COLUMNS + ", search_name)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = bind(ps, m);
            ps.setString(i, Names.searchKey(m.firstName() + " " + m.lastName()));
            ps.executeUpdate();
        }
        for (String card : m.cards()) {
            addCard(tx, m.id(), card, m.joinedAt());
        }
    }

    void update(Connection tx, Member m) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("UPDATE club_member SET id = ?, first_name = ?, last_name = ?, mobile = ?,"
                + " email = ?, birth_date = ?, anniversary = ?, gender = ?, city = ?, consent_sms = ?, consent_email = ?,"
                + " status = ?, referral_code = ?, referred_by = ?, joined_at = ?, left_at = ?, updated_at = ?, search_name = ?"
                + " WHERE id = ?")) {
            int i = bind(ps, m);
            ps.setString(i++, Names.searchKey(m.firstName() + " " + m.lastName()));
            ps.setString(i, m.id());
            ps.executeUpdate();
        }
    }

    private static int bind(PreparedStatement ps, Member m) throws SQLException {
        int i = 1;
        ps.setString(i++, m.id());
        ps.setString(i++, m.firstName());
        ps.setString(i++, m.lastName());
        ps.setString(i++, m.mobile());
        ps.setString(i++, m.email());
        ps.setDate(i++, m.birthDate() == null ? null : Date.valueOf(m.birthDate()));
        ps.setDate(i++, m.anniversary() == null ? null : Date.valueOf(m.anniversary()));
        ps.setString(i++, m.gender().name());
        ps.setString(i++, m.city());
        ps.setBoolean(i++, m.consentSms());
        ps.setBoolean(i++, m.consentEmail());
        ps.setString(i++, m.status().name());
        ps.setString(i++, m.referralCode());
        ps.setString(i++, m.referredBy());
        ps.setTimestamp(i++, Timestamp.from(m.joinedAt()));
        ps.setTimestamp(i++, m.leftAt() == null ? null : Timestamp.from(m.leftAt()));
        ps.setTimestamp(i++, Timestamp.from(m.updatedAt()));
        return i;
    }

    void addCard(Connection tx, String memberId, String card, Instant issuedAt) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO club_card (card_number, member_id, issued_at) VALUES (?, ?, ?)")) {
            ps.setString(1, card);
            ps.setString(2, memberId);
            ps.setTimestamp(3, Timestamp.from(issuedAt));
            ps.executeUpdate();
        }
    }

    Optional<Member> byId(Connection tx, String id) throws SQLException {
        return one(tx, "SELECT " + COLUMNS + " FROM club_member WHERE id = ?", id);
    }

    Optional<Member> byMobile(Connection tx, String e164) throws SQLException {
        return one(tx, "SELECT " + COLUMNS + " FROM club_member WHERE mobile = ?", e164);
    }

    Optional<Member> byCard(Connection tx, String card) throws SQLException {
        return one(tx, "SELECT " + prefixed() + " FROM club_member m JOIN club_card c ON c.member_id = m.id WHERE c.card_number = ?", card);
    }

    /** The member with this email, when exactly one has it (any case): an email shared by two names nobody. */
    Optional<Member> byEmail(Connection tx, String email) throws SQLException {
        List<Member> found = many(tx, "SELECT " + COLUMNS + " FROM club_member WHERE LOWER(email) = LOWER(?) AND status <> 'ERASED'"
                + " ORDER BY id LIMIT ?", email, 2);
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    Optional<Member> byReferralCode(Connection tx, String code) throws SQLException {
        return one(tx, "SELECT " + COLUMNS + " FROM club_member WHERE referral_code = ?", code);
    }

    boolean cardExists(Connection tx, String card) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("SELECT 1 FROM club_card WHERE card_number = ?")) {
            ps.setString(1, card);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Members whose name contains the text (normalised), newest first. */
    List<Member> searchByName(Connection tx, String text, int limit) throws SQLException {
        String pattern = "%" + Names.searchKey(text).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return many(tx, "SELECT " + COLUMNS + " FROM club_member WHERE search_name LIKE ? ESCAPE '!' ORDER BY joined_at DESC LIMIT ?",
                pattern, limit);
    }

    private static String prefixed() {
        return "m." + COLUMNS.replace(", ", ", m.");
    }

    private Optional<Member> one(Connection tx, String sql, String parameter) throws SQLException {
        List<Member> found = many(tx, sql, parameter, null);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<Member> many(Connection tx, String sql, String parameter, Integer limit) throws SQLException {
        List<Member> rows = new ArrayList<>();
        try (PreparedStatement ps = tx.prepareStatement(sql)) {
            ps.setString(1, parameter);
            if (limit != null) {
                ps.setInt(2, limit);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(member(rs));
                }
            }
        }
        java.util.Map<String, List<String>> cards = cards(tx, rows.stream().map(Member::id).toList());
        List<Member> withCards = new ArrayList<>();
        for (Member m : rows) {
            withCards.add(new Member(m.id(), m.firstName(), m.lastName(), m.mobile(), m.email(), m.birthDate(), m.anniversary(),
                    m.gender(), m.city(), m.consentSms(), m.consentEmail(), m.status(), m.referralCode(), m.referredBy(),
                    m.joinedAt(), m.leftAt(), m.updatedAt(), cards.getOrDefault(m.id(), List.of())));
        }
        return withCards;
    }

    /** The cards of these members (one query for a page of them), each member's in the order they were issued. */
    private static java.util.Map<String, List<String>> cards(Connection tx, List<String> memberIds) throws SQLException {
        java.util.Map<String, List<String>> cards = new java.util.HashMap<>();
        if (memberIds.isEmpty()) {
            return cards;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(memberIds.size(), "?"));
        try (PreparedStatement ps = tx.prepareStatement("SELECT member_id, card_number FROM club_card WHERE member_id IN (" + marks + ")"
                + " ORDER BY issued_at, card_number")) {
            for (int i = 0; i < memberIds.size(); i++) {
                ps.setString(i + 1, memberIds.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cards.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return cards;
    }

    private static Member member(ResultSet rs) throws SQLException {
        Date birth = rs.getDate(6);
        Date anniversary = rs.getDate(7);
        Timestamp left = rs.getTimestamp(16);
        return new Member(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                birth == null ? null : birth.toLocalDate(), anniversary == null ? null : anniversary.toLocalDate(),
                Member.Gender.valueOf(rs.getString(8)), rs.getString(9), rs.getBoolean(10), rs.getBoolean(11),
                Member.Status.valueOf(rs.getString(12)), rs.getString(13), rs.getString(14), rs.getTimestamp(15).toInstant(),
                left == null ? null : left.toInstant(), rs.getTimestamp(17).toInstant(), List.of());
    }
}
