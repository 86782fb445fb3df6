package org.vafa.core.rest;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.rest.ApiKeyIssuer;
import org.vafa.core.db.DatabaseException;

/**
 * API keys for shops, registers, ERPs and operators' scripts. A key is shown once when it is created;
 * only its SHA-256 hash is stored. A key's scopes name the API areas it may call ({@code /api/<scope>/...});
 * {@code admin} may call all of them.
 */
@Component(service = {ApiKeys.class, ApiKeyIssuer.class})
public class ApiKeys implements ApiKeyIssuer {
    public static final String ADMIN_SCOPE = "admin";
    private static final String PREFIX = "vafa_";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Reference
    private Database database;
    private DataSource dataSource;

    public record ApiKey(String name, Set<String> scopes, Instant createdAt, Instant revokedAt) {
        public boolean allows(String scope) {
            return scopes.contains(ADMIN_SCOPE) || scopes.contains(scope);
        }
    }

    public ApiKeys() {
    }

    public ApiKeys(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Activate
    void activate() {
        dataSource = database.dataSource();
    }

    /** Creates a key and returns its secret, which is not stored and cannot be shown again. */
    public String create(String name, Set<String> scopes) {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("Key name must be 1-100 letters, digits, '.', '-' or '_'");
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("A key needs at least one scope, e.g. pos, shop, erp or admin");
        }
        for (String scope : scopes) {
            if (!scope.matches("[a-z][a-z0-9-]{0,30}")) {
                throw new IllegalArgumentException("Invalid scope '" + scope + "': lower-case letters, digits and '-'");
            }
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO vafa_api_key (name, key_hash, scopes, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, hash(secret));
            ps.setString(3, String.join(",", new java.util.TreeSet<>(scopes)));
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (find(name).isPresent()) {
                throw new IllegalArgumentException("A key named '" + name + "' exists already");
            }
            throw new DatabaseException(e);
        }
        return secret;
    }

    /** @return false if there is no active key with that name */
    public boolean revoke(String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE vafa_api_key SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setString(2, name);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** The active key with this secret, if any. */
    public Optional<ApiKey> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        return query("SELECT name, scopes, created_at, revoked_at FROM vafa_api_key WHERE key_hash = ? AND revoked_at IS NULL",
                hash(secret)).stream().findFirst();
    }

    public Optional<ApiKey> find(String name) {
        return query("SELECT name, scopes, created_at, revoked_at FROM vafa_api_key WHERE name = ?", name).stream().findFirst();
    }

    public List<ApiKey> list() {
        return query("SELECT name, scopes, created_at, revoked_at FROM vafa_api_key ORDER BY name");
    }

    private List<ApiKey> query(String sql, String... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            List<ApiKey> keys = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp revoked = rs.getTimestamp(4);
                    keys.add(new ApiKey(rs.getString(1), new LinkedHashSet<>(List.of(rs.getString(2).split(","))),
                            rs.getTimestamp(3).toInstant(), revoked == null ? null : revoked.toInstant()));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    static String hash(String secret) {
        return org.vafa.api.crypto.Sha256.hex(secret);
    }
}
