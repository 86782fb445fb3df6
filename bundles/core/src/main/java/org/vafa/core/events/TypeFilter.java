package org.vafa.core.events;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which event types a subscription wants: a comma-separated list of exact types or patterns with
 * {@code *} (any run of characters), e.g. {@code club.member.*,pos.sale.completed}.
 */
public final class TypeFilter {
    private final String text;
    private final List<String> patterns;

    private TypeFilter(String text, List<String> patterns) {
        this.text = text;
        this.patterns = patterns;
    }

    public static TypeFilter parse(String text) {
        List<String> patterns = text == null ? List.of()
                : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("An event type or pattern is required, e.g. club.member.* or *");
        }
        for (String p : patterns) {
            if (!p.matches("[A-Za-z0-9._*-]{1,200}")) {
                throw new IllegalArgumentException("Invalid event type pattern '" + p
                        + "': use letters, digits, '.', '-', '_' and '*'");
            }
        }
        return new TypeFilter(String.join(",", patterns), patterns);
    }

    public boolean matches(String type) {
        for (String p : patterns) {
            if (type.matches(("\\Q" + p + "\\E").replace("*", "\\E.*\\Q"))) {
                return true;
            }
        }
        return false;
    }

    /** An SQL condition on the given column, with {@link #sqlParameters()} to bind in order. */
    String sql(String column) {
        List<String> parts = new ArrayList<>();
        for (String p : patterns) {
            parts.add(p.contains("*") ? column + " LIKE ? ESCAPE '!'" : column + " = ?");
        }
        return String.join(" OR ", parts);
    }

    List<String> sqlParameters() {
        return patterns.stream()
                .map(p -> p.contains("*") ? p.replace("!", "!!").replace("%", "!%").replace("_", "!_").replace("*", "%") : p)
                .toList();
    }

    @Override
    public String toString() {
        return text;
    }
}
