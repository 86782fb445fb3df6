package org.vafa.core.branding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestJson;

/**
 * The organisation's look in the member panel and the console: its name, its colour, its logo, how amounts are shown
 * and the banners members see. Kept in the database (table {@code vafa_setting}), so every node shows the same.
 * Everything is checked before it is kept: the colour must be readable as a background behind white text, the logo
 * must be a small PNG, JPEG or WebP image (no SVG: an image that can carry script is not taken from a form).
 */
@Component(service = Branding.class)
public class Branding {
    static final String NAME = "branding";
    static final int LOGO_BYTES = 200 * 1024;
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern LOGO = Pattern.compile("data:image/(png|jpeg|webp);base64,([A-Za-z0-9+/=]+)");

    /** A banner in the member panel. */
    public record Banner(String title, String text) {
    }

    /** The branding; {@code amounts} is {@code rial} or {@code toman} (IRR amounts shown divided by ten). */
    public record BrandingSettings(String name, String colour, String logo, String amounts, List<Banner> banners, String updatedBy,
                                   Instant updatedAt) {
    }

    static final BrandingSettings DEFAULTS = new BrandingSettings("باشگاه مشتریان", "#0b5fa5", null, "rial", List.of(), null, null);

    @Reference
    private Database database;

    public Branding() {
    }

    /** Outside OSGi (tests). */
    public Branding(Database database) {
        this.database = database;
    }

    public BrandingSettings current() {
        return database.inTransaction(tx -> Sql.one(tx, "SELECT value_json FROM vafa_setting WHERE name = ?", rs -> rs.getString(1), NAME)
                .map(Branding::parse).orElse(DEFAULTS));
    }

    /** Checks the whole branding and keeps it; a field that does not pass is a problem naming it, and nothing changes. */
    public BrandingSettings replace(JsonNode body, String by) {
        Fields f = new Fields(body, Set.of("name", "colour", "logo", "amounts", "banners"));
        String name = f.text("name", true, 80);
        String colour = f.text("colour", false, 7);
        if (colour == null) {
            colour = DEFAULTS.colour();
        } else if (!COLOUR.matcher(colour).matches()) {
            throw Problem.invalidField("colour", "colour is #RRGGBB");
        } else if (contrastWithWhite(colour) < 4.5) {
            throw Problem.invalidField("colour", "colour " + colour + " is too light behind white text (contrast "
                    + String.format("%.1f", contrastWithWhite(colour)) + ":1; at least 4.5:1)");
        }
        String logo = logo(body.get("logo"));
        String amounts = f.text("amounts", false, 5);
        if (amounts == null) {
            amounts = DEFAULTS.amounts();
        } else if (!amounts.equals("rial") && !amounts.equals("toman")) {
            throw Problem.invalidField("amounts", "amounts is rial or toman");
        }
        List<Banner> banners = f.objects("banners", Set.of("title", "text"), 5).stream()
                .map(b -> new Banner(b.text("title", true, 80), b.text("text", false, 300))).toList();
        BrandingSettings settings = new BrandingSettings(name, colour.toLowerCase(), logo, amounts, banners, by, Instant.now());
        String json;
        try {
            json = RestJson.MAPPER.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        database.inTransaction(tx -> {
            if (Sql.update(tx, "UPDATE vafa_setting SET value_json = ?, updated_by = ?, updated_at = ? WHERE name = ?", json, by,
                    settings.updatedAt(), NAME) == 0) {
                Sql.update(tx, "INSERT INTO vafa_setting (name, value_json, updated_by, updated_at) VALUES (?, ?, ?, ?)", NAME, json, by,
                        settings.updatedAt());
            }
            return null;
        });
        return settings;
    }

    private static String logo(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        var m = node.isTextual() ? LOGO.matcher(node.asText()) : null;
        if (m == null || !m.matches()) {
            throw Problem.invalidField("logo", "logo is a data: URL of a PNG, JPEG or WebP image (data:image/png;base64,...)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField("logo", "logo is not valid base64");
        }
        if (bytes.length > LOGO_BYTES) {
            throw Problem.invalidField("logo", "logo is at most " + LOGO_BYTES / 1024 + " KB");
        }
        boolean real = switch (m.group(1)) {
            case "png" -> startsWith(bytes, 0x89, 'P', 'N', 'G');
            case "jpeg" -> startsWith(bytes, 0xFF, 0xD8, 0xFF);
            default -> bytes.length > 12 && startsWith(bytes, 'R', 'I', 'F', 'F') && bytes[8] == 'W' && bytes[9] == 'E' && bytes[10] == 'B'
                    && bytes[11] == 'P';
        };
        if (!real) {
            throw Problem.invalidField("logo", "logo's bytes are not a " + m.group(1).toUpperCase() + " image");
        }
        return node.asText();
    }

    private static boolean startsWith(byte[] bytes, int... expected) {
        if (bytes.length < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** WCAG 2 contrast ratio of the colour against white. */
    static double contrastWithWhite(String colour) {
        double l = 0;
        double[] weights = {0.2126, 0.7152, 0.0722};
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(colour.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            l += weights[i] * (c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
        }
        return 1.05 / (l + 0.05);
    }

    private static BrandingSettings parse(String json) {
        try {
            return RestJson.MAPPER.readValue(json, BrandingSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The kept branding does not read: " + e.getMessage(), e);
        }
    }
}
