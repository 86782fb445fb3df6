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
import org.vafa.api.db.Sql;

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
        indexName(tx, m.id(), Names.searchKey(m.firstName() + " " + m.lastName()), m.joinedAt());
        for (String card : m.cards()) {
            addCard(tx, m.id(), card, m.joinedAt());
        }
    }

    void update(Connection tx, Member m) throws SQLException {
        String searchName = Names.searchKey(m.firstName() + " " + m.lastName());
        Optional<String> before = Sql.one(tx, "SELECT search_name FROM club_member WHERE id = ?", rs -> rs.getString(1), m.id());
        if (!before.equals(Optional.of(searchName))) {
            Sql.update(tx, "DELETE FROM club_member_name_token WHERE member_id = ?", m.id());
            indexName(tx, m.id(), searchName, m.joinedAt());
        }
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

    /** Keeps the words of a member's name findable as they are typed ({@link Names#tokens}). */
    static void indexName(Connection tx, String memberId, String searchName, Instant joinedAt) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(INSERT_TOKEN)) {
            addTokens(ps, memberId, searchName, joinedAt);
            ps.executeBatch();
        }
    }

    private static final String INSERT_TOKEN = "INSERT INTO club_member_name_token (member_id, token, joined_at) VALUES (?, ?, ?)"
            + " ON CONFLICT DO NOTHING";

    private static void addTokens(PreparedStatement ps, String memberId, String searchName, Instant joinedAt) throws SQLException {
        for (String token : Names.tokens(searchName)) {
            ps.setString(1, memberId);
            ps.setString(2, token);
            ps.setTimestamp(3, Timestamp.from(joinedAt));
            ps.addBatch();
        }
    }

    /**
     * Members whose name has a word starting with each word typed, newest first. {@code indexed}: the longest word typed
     * is looked up in the name index (newest first, so that a page is read and no more) and each other word of two
     * letters or more must be a token of the same member too (a primary-key probe); a word of one letter is checked
     * against the name. Nothing else is asked of the name in SQL: a condition on it would let PostgreSQL's planner scan
     * every member instead. {@code indexed} false: the index is still being built, and every name is scanned as before.
     */
    List<Member> searchByName(Connection tx, String text, int limit, boolean indexed) throws SQLException {
        List<String> words = Names.words(Names.searchKey(text));
        List<String> tokens = words.stream().filter(w -> w.codePointCount(0, w.length()) >= 2).map(Names::token).distinct()
                .sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList();
        List<String> scanned = indexed ? words.stream().filter(w -> w.codePointCount(0, w.length()) < 2).toList() : words;
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(prefixed());
        if (indexed) {
            sql.append(" FROM club_member_name_token t JOIN club_member m ON m.id = t.member_id WHERE t.token = ?");
            parameters.add(tokens.get(0));
            for (String token : tokens.subList(1, tokens.size())) {
                // a subquery, not a join: H2 would otherwise start from any of the tokens and lose the index's order
                sql.append(" AND EXISTS (SELECT 1 FROM club_member_name_token o WHERE o.member_id = t.member_id AND o.token = ?)");
                parameters.add(token);
            }
        } else {
            sql.append(" FROM club_member m WHERE 1 = 1");
        }
        for (String word : scanned) {
            sql.append(" AND m.search_name LIKE ? ESCAPE '!'");
            parameters.add("%" + word.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        // "t.token," changes nothing (one token) but lets H2 read the index in order and stop at the page (PostgreSQL does either way)
        sql.append(indexed ? " ORDER BY t.token, t.joined_at DESC LIMIT ?" : " ORDER BY m.joined_at DESC LIMIT ?");
        parameters.add(indexed ? limit + SLACK : limit);
        List<Member> found = many(tx, sql.toString(), parameters.toArray());
        if (!indexed) {
            return found;
        }
        // a member renamed while the background indexing wrote their old name's tokens keeps those until renamed again:
        // each one found is checked against their name as it is now (rare, hence the few extra rows asked for)
        return found.stream().filter(m -> Names.tokens(Names.searchKey(m.firstName() + " " + m.lastName())).containsAll(tokens))
                .limit(limit).toList();
    }

    /** Rows asked for beyond a page, for the rare stale token dropped after reading. */
    private static final int SLACK = 5;

    /** Indexes the names of up to {@code count} members after {@code afterId} (id order); the last id done, or empty at the end. */
    static Optional<String> indexNames(Connection tx, String afterId, int count) throws SQLException {
        record Row(String id, String searchName, Instant joinedAt) {
        }
        List<Row> rows = Sql.list(tx, "SELECT id, search_name, joined_at FROM club_member WHERE id > ? ORDER BY id LIMIT ?",
                rs -> new Row(rs.getString(1), rs.getString(2), Sql.instant(rs, 3)), afterId == null ? "" : afterId, count);
        try (PreparedStatement ps = tx.prepareStatement(INSERT_TOKEN)) { // the page's tokens in one batch
            for (Row row : rows) {
                addTokens(ps, row.id(), row.searchName(), row.joinedAt());
            }
            ps.executeBatch();
        }
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(rows.size() - 1).id());
    }

    private static String prefixed() {
        return "m." + COLUMNS.replace(", ", ", m.");
    }

    private Optional<Member> one(Connection tx, String sql, String parameter) throws SQLException {
        List<Member> found = many(tx, sql, parameter);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<Member> many(Connection tx, String sql, Object... parameters) throws SQLException {
        List<Member> rows = new ArrayList<>();
        try (PreparedStatement ps = tx.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
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
