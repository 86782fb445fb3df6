package org.vafa.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps a shipped, commented {@code src/main/cfg/<pid>.cfg} equal to its typed configuration: every attribute and
 * only those, each with the annotation's default (empty where it has none), so the file an operator reads never lies.
 */
public final class ConfigFileCheck {
    private static final Pattern SETTING = Pattern.compile("^#?([a-zA-Z][a-zA-Z0-9]*) = ?(.*)$");

    private ConfigFileCheck() {
    }

    public static void assertDescribes(String pid, Class<?> configType) throws Exception {
        Path file = Path.of("src/main/cfg", pid + ".cfg");
        Map<String, String> written = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = SETTING.matcher(line);
            if (m.matches()) {
                written.put(m.group(1), m.group(2));
            }
        }
        Map<String, String> declared = new LinkedHashMap<>();
        for (Method attribute : configType.getDeclaredMethods()) {
            Object value = attribute.getDefaultValue();
            declared.put(attribute.getName(), value == null ? "" : value.getClass().isArray()
                    ? String.join(",", Arrays.stream((Object[]) toObjects(value)).map(String::valueOf).toList()) : String.valueOf(value));
        }
        assertThat(written).as(file + " against " + configType.getSimpleName()).containsExactlyInAnyOrderEntriesOf(declared);
    }

    private static Object[] toObjects(Object array) {
        Object[] out = new Object[Array.getLength(array)];
        for (int i = 0; i < out.length; i++) {
            out[i] = Array.get(array, i);
        }
        return out;
    }
}
