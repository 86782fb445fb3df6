package org.vafa.api.db;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Short JDBC for plugins' stores: parameters bound by type (Instant, LocalDate, the rest as is). */
public final class Sql {
    private Sql() {
    }

    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    public static int update(Connection tx, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    public static <T> List<T> list(Connection tx, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.read(rs));
                }
                return out;
            }
        }
    }

    /** The first row's value; empty when there is no row or it maps to null (an aggregate over no rows, a null column). */
    public static <T> Optional<T> one(Connection tx, String sql, Row<T> row, Object... params) throws SQLException {
        List<T> found = list(tx, sql, row, params);
        return found.isEmpty() ? Optional.empty() : Optional.ofNullable(found.get(0));
    }

    /** The first column of the first row of an aggregate query (e.g. a COALESCE(SUM(...), 0)). */
    public static BigDecimal decimal(Connection tx, String sql, Object... params) throws SQLException {
        return one(tx, sql, rs -> rs.getBigDecimal(1), params).orElse(BigDecimal.ZERO);
    }

    public static long number(Connection tx, String sql, Object... params) throws SQLException {
        return one(tx, sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    /**
     * Rows as maps from the columns' names in camelCase ({@code created_at} → {@code createdAt}) to their values,
     * times as Instants and dates as LocalDates: for exports, which show what is stored as it is.
     */
    public static List<java.util.Map<String, Object>> maps(Connection tx, String sql, Object... params) throws SQLException {
        return list(tx, sql, rs -> {
            java.sql.ResultSetMetaData meta = rs.getMetaData();
            java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                Object value = rs.getObject(c);
                if (value instanceof Timestamp || value instanceof java.time.OffsetDateTime) {
                    value = instant(rs, c);
                } else if (value instanceof java.sql.Date date) {
                    value = date.toLocalDate();
                }
                row.put(camel(meta.getColumnLabel(c)), value);
            }
            return row;
        }, params);
    }

    private static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char ch : column.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return out.toString();
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant instant) {
                ps.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (p instanceof LocalDate date) {
                ps.setDate(i + 1, java.sql.Date.valueOf(date));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }
}
