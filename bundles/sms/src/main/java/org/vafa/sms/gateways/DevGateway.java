package org.vafa.sms.gateways;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.sms.api.SmsGateway;

/**
 * The development gateway, the embedded default: messages are written to {@code data/sms/outbox.txt}
 * (one line each, tab-separated) and to the log, so a new user sees them without any account.
 */
@Component(service = SmsGateway.class, property = "gateway=dev")
public class DevGateway implements SmsGateway {
    private static final Logger LOG = LoggerFactory.getLogger(DevGateway.class);
    private Path file;

    public DevGateway() {
    }

    @Activate
    void activate() {
        file = defaultFile();
    }

    /** Where the server's development outbox is: {@code data/sms/outbox.txt}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("karaf.data", "data"), "sms", "outbox.txt");
    }

    /**
     * For an erasure: the number and text of every line that mentions one of the person's numbers become
     * {@code [erased]} (the line and its message id stay, so a recall still finds it).
     *
     * @return how many lines were changed
     */
    public int erase(org.vafa.api.personal.Redaction redaction) throws IOException {
        synchronized (DevGateway.class) {
            if (!Files.exists(file)) {
                return 0;
            }
            int changed = 0;
            StringBuilder out = new StringBuilder();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.split("\t", 7);
                if (fields.length == 7 && redaction.mentions(line)) {
                    fields[2] = org.vafa.api.personal.Redaction.ERASED;
                    fields[6] = org.vafa.api.personal.Redaction.ERASED;
                    line = String.join("\t", fields);
                    changed++;
                }
                out.append(line).append('\n');
            }
            if (changed > 0) {
                Path temporary = file.resolveSibling(file.getFileName() + ".erasing");
                Files.writeString(temporary, out, StandardCharsets.UTF_8);
                Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return changed;
        }
    }

    /** Outside OSGi (tests). */
    public DevGateway(Path file) {
        this.file = file;
    }

    @Override
    public Result send(Outgoing m) {
        synchronized (DevGateway.class) { // one lock with erase()
            return write(m);
        }
    }

    private Result write(Outgoing m) {
        String line = Instant.now() + "\t" + m.id() + "\t" + m.to() + "\t" + (m.senderLine() == null ? "-" : m.senderLine()) + "\t"
                + (m.ucs2() ? "UCS2" : "GSM7") + "\t" + m.parts() + "\t" + m.text().replace("\n", "\\n") + "\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            return Result.retry("cannot write " + file + ": " + e.getMessage());
        }
        LOG.info("SMS (dev gateway) to {}: {}", m.to(), m.text());
        return Result.accepted("dev-" + m.id());
    }

    /** The file says whether a message was written: its id is the second field of its line. */
    @Override
    public synchronized Recall recall(String outboxId) {
        if (!Files.exists(file)) {
            return Recall.notSent();
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            boolean written = lines.map(l -> l.split("\t", 3)).anyMatch(fields -> fields.length > 1 && fields[1].equals(outboxId));
            return written ? Recall.sent("dev-" + outboxId) : Recall.notSent();
        } catch (IOException | java.io.UncheckedIOException e) {
            return Recall.askLater("cannot read " + file + ": " + e.getMessage());
        }
    }
}
