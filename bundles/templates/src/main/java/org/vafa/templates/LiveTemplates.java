package org.vafa.templates;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.core.TemplateConfiguration;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.ext.beans.BeansWrapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.rest.Problem;

/**
 * Message templates (FreeMarker) in a folder, {@code <name>.<language>.ftl}, edited while the server runs
 * (the file, or {@link #save}). A changed file is read at the next message; one that is refused (it does
 * not parse, uses a forbidden built-in, or cannot be filled with sample data) is logged with the reason,
 * and the last good version goes on serving.
 *
 * <p>Templates only render data. Whoever edits one is not trusted to run code: {@code ?new} can
 * instantiate no class, {@code ?api} is off, models expose no {@code getClass()}, class loaders or
 * reflection, and templates naming {@code ?new ?api ?eval ?eval_json ?interpret} are refused
 * outright. Templates whose type ends in {@code .html} escape every value as HTML.
 */
public class LiveTemplates {
    private static final Logger LOG = LoggerFactory.getLogger(LiveTemplates.class);
    private static final String NAME = "[a-z0-9][a-z0-9.-]{0,59}";
    /** Built-ins that turn data into code or reach Java: never allowed in a message template. */
    private static final Pattern FORBIDDEN = Pattern.compile("\\?\\s*(new|api|eval|eval_json|interpret|has_api)\\b");
    /** The body field of the REST request that saves a template (and what a refusal names). */
    public static final String FIELD = "text";

    private final Configuration freemarker = new Configuration(Configuration.VERSION_2_3_34);
    private final TemplateConfiguration html = new TemplateConfiguration();
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
        freemarker.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        freemarker.setAPIBuiltinEnabled(false);
        DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
        // records (the plugins' published views) are read through their accessors; nothing leads to Java
        wrapper.setExposureLevel(BeansWrapper.EXPOSE_SAFE);
        wrapper.setMemberAccessPolicy(new DataOnlyAccess());
        wrapper.setExposeFields(false);
        DefaultObjectWrapper built = wrapper.build();
        freemarker.setObjectWrapper(built);
        html.setParentConfiguration(freemarker);
        html.setOutputFormat(HTMLOutputFormat.INSTANCE);
        html.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
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
            return fill(template, model);
        } catch (TemplateException | IOException e) {
            throw new IllegalStateException("Template " + type + " could not be filled: " + e.getMessage(), e);
        }
    }

    private static String fill(Template template, Map<String, Object> model) throws TemplateException, IOException {
        StringWriter out = new StringWriter();
        template.process(model, out);
        return out.toString().strip();
    }

    private Optional<Template> template(String type, String language) {
        Path file = dir.resolve(type + "." + language + ".ftl");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            long modified = Files.getLastModifiedTime(file).toMillis();
            Loaded current = loaded.get(file);
            if (current != null && Math.abs(current.modified()) == modified) {
                return Optional.of(current.template());
            }
            try {
                Template parsed = check(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8), Map.of());
                loaded.put(file, new Loaded(parsed, modified));
                LOG.info("Template {} loaded", file);
                return Optional.of(parsed);
            } catch (Problem broken) {
                LOG.error("Template {} rejected, the last good version goes on: {}", file, broken.getMessage());
                if (current == null) {
                    return Optional.empty();
                }
                loaded.put(file, new Loaded(current.template(), -modified)); // remember the rejection, keep the old
                return Optional.of(current.template());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    /**
     * Checks and stores a template. It is refused (a problem naming {@value #FIELD}) if it does not parse,
     * uses a forbidden built-in, or cannot be filled with {@code sample}: a model like the one messages of
     * this type are filled with; names it lacks stand for any value.
     */
    public void save(String type, String language, String text, Map<String, Object> sample) {
        if (!type.matches(NAME) || !language.matches("[a-z]{2}")) {
            throw Problem.badRequest("A template is named by its type (a-z, 0-9, '-', '.') and a two-letter language");
        }
        Template checked = check(type + "." + language + ".ftl", text, sample);
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + type, ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Path file = dir.resolve(type + "." + language + ".ftl");
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            loaded.put(file, new Loaded(checked, Files.getLastModifiedTime(file).toMillis())); // the last good one from now on
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

    /** Parses the text and fills it once with the sample (any name it lacks stands for any value). */
    private Template check(String name, String text, Map<String, Object> sample) {
        Matcher forbidden = FORBIDDEN.matcher(text);
        if (forbidden.find()) {
            throw Problem.invalidField(FIELD, "?" + forbidden.group(1) + " is not allowed in a message template: templates render data only");
        }
        Template template;
        try {
            boolean isHtml = name.matches(".*\\.html\\.[a-z]{2}\\.ftl");
            template = new Template(name, name, new StringReader(text), freemarker, isHtml ? html : null, null);
            if (isHtml) {
                html.apply(template);
            }
        } catch (freemarker.core.ParseException e) {
            throw Problem.invalidField(FIELD, "Line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": "
                    + e.getEditorMessage());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> model = new HashMap<>(sample);
        model.putIfAbsent("member", SampleValue.ANY);
        model.putIfAbsent("data", SampleValue.ANY);
        try {
            fill(template, model);
        } catch (TemplateException e) {
            throw Problem.invalidField(FIELD, "Cannot be filled with sample data (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + "): " + firstLine(e.getMessageWithoutStackTop()));
        } catch (IOException | RuntimeException e) {
            throw Problem.invalidField(FIELD, "Cannot be filled with sample data: " + firstLine(String.valueOf(e.getMessage())));
        }
        return template;
    }

    /** FreeMarker's message up to its tips: what failed and the expression ({@code ==> membr}). */
    private static String firstLine(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("----") || line.startsWith("Tip:")) {
                break;
            }
            if (!line.isBlank()) {
                out.append(out.length() == 0 ? "" : " ").append(line.strip());
            }
        }
        return out.toString();
    }
}
