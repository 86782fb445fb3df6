package org.vafa.templates;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.rest.Problem;

/**
 * Message templates (FreeMarker) in a folder, {@code <name>.<language>.ftl}, edited while the server runs
 * (the file, or {@link #save}). A changed file is read at the next message; one that does not parse is
 * rejected with its line and column in the log, and the last good version goes on serving.
 */
public class LiveTemplates {
    private static final Logger LOG = LoggerFactory.getLogger(LiveTemplates.class);
    private static final String NAME = "[a-z0-9][a-z0-9.-]{0,59}";

    private final Configuration freemarker = new Configuration(Configuration.VERSION_2_3_34);
    private final Map<Path, Loaded> loaded = new ConcurrentHashMap<>();
    private final Path dir;

    private record Loaded(Template template, long modified) {
    }

    /** Templates in {@code dir} (e.g. {@code <server>/templates/sms}). */
    public LiveTemplates(Path dir) {
        this.dir = dir;
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
    }

    /** The templates of a kind in the server's {@code templates/} folder (karaf.base), e.g. {@code forServer("sms")}. */
    public static LiveTemplates forServer(String kind) {
        return new LiveTemplates(Path.of(System.getProperty("karaf.base", "."), "templates", kind));
    }

    /** The text of a template in the language (else in Persian, else English), filled from the model. */
    public String render(String type, String language, Map<String, Object> model) {
        Template template = template(type, language).or(() -> template(type, "fa")).or(() -> template(type, "en"))
                .orElseThrow(() -> new IllegalStateException("No template " + type + " in " + dir));
        try {
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString().strip();
        } catch (TemplateException | IOException e) {
            throw new IllegalStateException("Template " + type + " could not be filled: " + e.getMessage(), e);
        }
    }

    private java.util.Optional<Template> template(String type, String language) {
        Path file = dir.resolve(type + "." + language + ".ftl");
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        try {
            long modified = Files.getLastModifiedTime(file).toMillis();
            Loaded current = loaded.get(file);
            if (current != null && current.modified() == modified) {
                return java.util.Optional.of(current.template());
            }
            try {
                Template parsed = parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
                loaded.put(file, new Loaded(parsed, modified));
                LOG.info("Template {} loaded", file);
                return java.util.Optional.of(parsed);
            } catch (Problem broken) {
                if (current == null || current.modified() != -modified) {
                    LOG.error("Template {} rejected, the last good version goes on: {}", file, broken.getMessage());
                }
                if (current == null) {
                    return java.util.Optional.empty();
                }
                loaded.put(file, new Loaded(current.template(), -modified)); // remember the rejection, keep the old
                return java.util.Optional.of(current.template());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    /** Checks and stores a template; one that does not parse is refused with its line and column. */
    public void save(String type, String language, String text) {
        if (!type.matches(NAME) || !language.matches("[a-z]{2}")) {
            throw Problem.badRequest("A template is named by its type (a-z, 0-9, '-', '.') and a two-letter language");
        }
        parse(type + "." + language + ".ftl", text);
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + type, ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, dir.resolve(type + "." + language + ".ftl"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the template", e);
        }
    }

    /** The templates there are, as {@code type.language}. */
    public List<String> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ftl")).map(n -> n.substring(0, n.length() - 4))
                    .sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String text(String type, String language) {
        Path file = dir.resolve(type + "." + language + ".ftl");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Problem.notFound("No template " + type + "." + language);
        }
    }

    private Template parse(String name, String text) {
        try {
            return new Template(name, new StringReader(text), freemarker);
        } catch (freemarker.core.ParseException e) {
            throw Problem.invalidField("template", "Line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": "
                    + e.getEditorMessage());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
