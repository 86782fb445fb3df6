package org.vafa.email.personal;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Component;
import org.vafa.api.personal.Person;
import org.vafa.api.personal.PersonalData;
import org.vafa.api.personal.Redaction;
import org.vafa.email.transports.DevTransport;

/**
 * The e-mail part of a member's personal data: the mail files the embedded transport wrote to them in
 * {@code data/email/} (SMTP keeps nothing here; the mail server's own copies are the mail server's). An erasure
 * deletes those files.
 */
@Component(service = PersonalData.class, property = PersonalData.PLUGIN + "=email")
public class EmailPersonalData implements PersonalData {
    private final Path folder;

    public EmailPersonalData() {
        this(DevTransport.defaultFolder());
    }

    /** Outside OSGi (tests): another folder. */
    public EmailPersonalData(Path folder) {
        this.folder = folder;
    }

    @Override
    public Section export(Person person) {
        List<Map<String, Object>> mails = new ArrayList<>();
        for (Path file : mailsTo(person)) {
            Map<String, Object> mail = new LinkedHashMap<>();
            mail.put("file", file.getFileName().toString());
            try (InputStream in = Files.newInputStream(file)) {
                MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
                mail.put("subject", message.getSubject());
                mail.put("sentAt", message.getSentDate() == null ? null : message.getSentDate().toInstant());
            } catch (IOException | jakarta.mail.MessagingException e) {
                mail.put("subject", null);
            }
            mails.add(mail);
        }
        return new Section(Map.of("mails", mails), mails.size() + " رایانامه", mails.size() + " e-mails");
    }

    @Override
    public Erased erase(Person person, String erasureId) {
        List<Path> files = mailsTo(person);
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Erased(files.size(), files.size() + " mail files deleted");
    }

    /** The mail files that name one of the person's addresses. */
    private List<Path> mailsTo(Person person) {
        if (person.emails().isEmpty() || !Files.isDirectory(folder)) {
            return List.of();
        }
        Redaction redaction = new Redaction(new Person(person.memberId(), List.of(), person.emails()));
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".eml")).filter(f -> {
                try {
                    return redaction.mentions(Files.readString(f, StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    return false;
                }
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
