package org.vafa.email.transports;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.osgi.service.component.annotations.Component;
import org.vafa.email.api.EmailTransport;

/** The embedded default: each mail as an {@code .eml} file in {@code data/email/}, to open in any mail program. */
@Component(service = EmailTransport.class, property = {EmailTransport.NAME + "=dev", "name=emailTransportDev"})
public class DevTransport implements EmailTransport {
    private final Path folder;

    public DevTransport() {
        this(defaultFolder());
    }

    /** Where the server's mail files are: {@code data/email/}. */
    public static Path defaultFolder() {
        return Path.of(System.getProperty("karaf.data", "data"), "email");
    }

    /** Outside OSGi (tests). */
    public DevTransport(Path folder) {
        this.folder = folder;
    }

    @Override
    public Sent send(Mail mail) throws Exception {
        Files.createDirectories(folder);
        Path file = folder.resolve(Instant.now().toEpochMilli() + "-" + mail.id().replaceAll("[^A-Za-z0-9-]", "_") + ".eml");
        try (OutputStream out = Files.newOutputStream(file)) {
            MimeMail.of(mail).writeTo(out);
        }
        return new Sent(file.toString());
    }
}
