package org.vafa.pos.branches;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.plugin.PluginReady;
import org.vafa.api.db.Sql;
import org.vafa.api.rest.ApiKeyIssuer;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;

/**
 * The chain's branches and their registers. Each terminal gets its own API key (scope {@code pos}),
 * whose name binds every request made with it to the terminal and so to its branch.
 * Routes reach it as {@code bean:posBranches}.
 */
@Component(service = Branches.class, property = "name=posBranches")
public class Branches {
    static final String KEY_PREFIX = "pos-terminal-";

    private final Database database;
    private final ApiKeyIssuer keys;

    /** {@code ready}: the plugin's tables are there. */
    @Activate
    public Branches(@Reference Database database, @Reference ApiKeyIssuer keys,
                    @Reference(target = "(" + PluginReady.NAME + "=pos)") PluginReady ready) {
        this.database = database;
        this.keys = keys;
    }

    public record Branch(String code, String name, String city, Instant createdAt) {
    }

    public record Terminal(String id, String branch, String name, String keyName, Instant createdAt) {
    }

    /** A new terminal and its key's secret, shown this once. */
    public record NewTerminal(Terminal terminal, String apiKey) {
    }

    /** {@code POST /api/pos/branches}: a branch's code (lower-case Latin letters, digits and '-'), name and city. */
    public record NewBranch(String code, String name, String city) {
        /** Each mistake is a problem naming its field, however the record was made. */
        public NewBranch {
            if (code == null || !code.matches("[a-z0-9][a-z0-9-]{0,39}")) {
                throw Problem.invalidField("code", "A branch code is lower-case Latin letters, digits and '-', e.g. tehran-1");
            }
            if (name == null || !Fields.visible(name) || name.length() > 200) {
                throw Problem.invalidField("name", "name is 1 to 200 characters");
            }
        }

        /** From a request's JSON: only these fields, each of its type. */
        public static NewBranch read(JsonNode body) {
            Fields f = new Fields(body, Set.of("code", "name", "city"));
            return new NewBranch(f.text("code", true, 40), f.text("name", true, 200), f.text("city", false, 100));
        }
    }

    /** {@code POST /api/pos/branches/{code}/terminals}: the register's name within its branch. */
    public record NewTerminalRequest(String name) {
        public NewTerminalRequest {
            if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,18}")) {
                throw Problem.invalidField("name", "A terminal name is lower-case Latin letters, digits and '-', e.g. till-2");
            }
        }

        public static NewTerminalRequest read(JsonNode body) {
            return new NewTerminalRequest(new Fields(body, Set.of("name")).text("name", true, 19));
        }
    }

    public Branch create(NewBranch request) {
        String code = request.code();
        Branch branch = new Branch(code, request.name(), request.city(), Instant.now());
        return database.inTransaction(tx -> {
            if (branch(tx, code).isPresent()) {
                throw new Problem(409, "Conflict", "A branch " + code + " exists already", "code");
            }
            Sql.update(tx, "INSERT INTO pos_branch (code, name, city, created_at) VALUES (?, ?, ?, ?)", code, branch.name(),
                    branch.city(), branch.createdAt());
            return branch;
        });
    }

    /** A branch's completed sales in a period, per currency: how many, how many to members, and their total. */
    public record BranchSales(String branch, String name, String currency, long sales, long memberSales, java.math.BigDecimal total) {
    }

    /** Completed sales per branch since {@code since} (refunds are not taken off), branches in code order. */
    public List<BranchSales> sales(Instant since) {
        return database.inTransaction(tx -> Sql.list(tx, "SELECT s.branch_code, b.name, s.currency, COUNT(*),"
                + " SUM(CASE WHEN s.member_id IS NULL THEN 0 ELSE 1 END), COALESCE(SUM(s.total), 0) FROM pos_sale s"
                + " LEFT JOIN pos_branch b ON b.code = s.branch_code WHERE s.sold_at >= ? AND s.status = 'COMPLETED'"
                + " GROUP BY s.branch_code, b.name, s.currency ORDER BY s.branch_code, s.currency",
                rs -> new BranchSales(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getBigDecimal(6)),
                since));
    }

    public List<Branch> list() {
        return database.inTransaction(tx -> Sql.list(tx, "SELECT code, name, city, created_at FROM pos_branch ORDER BY code",
                rs -> new Branch(rs.getString(1), rs.getString(2), rs.getString(3), Sql.instant(rs, 4))));
    }

    /** A register in the branch, with a key of its own (scope pos). */
    public NewTerminal addTerminal(String branchCode, NewTerminalRequest request) {
        String name = request.name();
        String id = branchCode + "-" + name;
        String keyName = KEY_PREFIX + id;
        database.inTransaction(tx -> {
            branch(tx, branchCode).orElseThrow(() -> Problem.notFound("No branch " + branchCode));
            if (terminal(tx, id).isPresent()) {
                throw new Problem(409, "Conflict", "Branch " + branchCode + " has a terminal " + name + " already", "name");
            }
            return null;
        });
        String secret;
        try {
            secret = keys.create(keyName, Set.of("pos"));
        } catch (IllegalArgumentException taken) {
            throw new Problem(409, "Conflict", taken.getMessage(), "name");
        }
        try {
            Terminal terminal = new Terminal(id, branchCode, name, keyName, Instant.now());
            database.inTransaction(tx -> Sql.update(tx, "INSERT INTO pos_terminal (id, branch_code, name, key_name, created_at)"
                    + " VALUES (?, ?, ?, ?, ?)", id, branchCode, name, keyName, terminal.createdAt()));
            return new NewTerminal(terminal, secret);
        } catch (RuntimeException e) {
            keys.revoke(keyName); // no key without its terminal
            throw e;
        }
    }

    public List<Terminal> terminals(String branchCode) {
        return database.inTransaction(tx -> {
            branch(tx, branchCode).orElseThrow(() -> Problem.notFound("No branch " + branchCode));
            return Sql.list(tx, "SELECT id, branch_code, name, key_name, created_at FROM pos_terminal WHERE branch_code = ? ORDER BY name",
                    Branches::terminal, branchCode);
        });
    }

    /** The terminal a request's API key belongs to (none for other keys, e.g. an operator's). */
    public Optional<Terminal> byKeyName(String keyName) {
        if (keyName == null || !keyName.startsWith(KEY_PREFIX)) {
            return Optional.empty();
        }
        return database.inTransaction(tx -> Sql.one(tx, "SELECT id, branch_code, name, key_name, created_at FROM pos_terminal"
                + " WHERE key_name = ?", Branches::terminal, keyName));
    }

    public Optional<Terminal> terminal(String id) {
        return database.inTransaction(tx -> terminal(tx, id));
    }

    private static Optional<Terminal> terminal(Connection tx, String id) throws SQLException {
        return Sql.one(tx, "SELECT id, branch_code, name, key_name, created_at FROM pos_terminal WHERE id = ?", Branches::terminal, id);
    }

    private static Optional<Branch> branch(Connection tx, String code) throws SQLException {
        return Sql.one(tx, "SELECT code, name, city, created_at FROM pos_branch WHERE code = ?",
                rs -> new Branch(rs.getString(1), rs.getString(2), rs.getString(3), Sql.instant(rs, 4)), code);
    }

    private static Terminal terminal(java.sql.ResultSet rs) throws SQLException {
        return new Terminal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Sql.instant(rs, 5));
    }
}
