package org.vafa.core.rest;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.io.ByteArrayOutputStream;
import org.vafa.api.rest.Problem;

/**
 * The path a request is authorised on must be the path that is served. Jetty and Camel route on a
 * decoded, normalised path, so a raw path that normalises differently ({@code /api/pos/../club},
 * {@code %2e%2e}, {@code %2f}, {@code //}, {@code ;param}, a backslash) could pass the scope check of
 * one area and reach another. Such paths are refused with 400: a client that means a resource names it
 * canonically. What passes is decoded (Persian text in a path stays usable) and compared lower-case
 * nowhere: the area is the literal first segment.
 */
final class CanonicalPath {
    private CanonicalPath() {
    }

    /** The decoded path of a raw request path, or a 400 problem if it is not canonical. */
    static String of(String raw) {
        if (raw.isEmpty() || raw.charAt(0) != '/') {
            throw refused("it must start with '/'");
        }
        String decoded = decode(raw);
        if (decoded.contains("//")) {
            throw refused("empty segments ('//') are not allowed");
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ';') {
                throw refused("control characters, '\\' and ';' are not allowed");
            }
        }
        // a '/' or '.' segment that only decoding reveals, or any dot segment at all
        if (countSlashes(decoded) != countSlashes(raw)) {
            throw refused("an encoded '/' is not allowed");
        }
        for (String segment : decoded.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..") || (segment.endsWith(".") && !segment.isEmpty())) {
                throw refused("'.' and '..' segments, and segments ending in '.', are not allowed");
            }
        }
        return decoded;
    }

    private static int countSlashes(String s) {
        return (int) s.chars().filter(c -> c == '/').count();
    }

    private static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    throw refused("a '%' must start a %XX escape");
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (c > 0x7f) {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw refused("it is not UTF-8");
        }
    }

    private static Problem refused(String why) {
        return new Problem(400, "Bad request", "The request path is not canonical: " + why, null);
    }
}
