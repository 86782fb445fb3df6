package org.vafa.core.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.karaf.jaas.modules.EncryptionService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.core.rest.ApiKeys;

/**
 * No default passwords: Vafa ships without any enabled user. At the first start this creates the
 * operator user {@code admin} (Karaf JAAS, for the shell and ssh) with the password in
 * {@code VAFA_ADMIN_PASSWORD} or a random one, and an {@code admin}-scope API key for the REST API.
 * Secrets that were generated are written once to {@code etc/initial-credentials.txt} (owner-only);
 * users.properties gets only the password's hash.
 */
@Component(service = AdminBootstrap.class, immediate = true)
public class AdminBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    static final String ADMIN_USER = "admin";
    static final String INITIAL_KEY_NAME = "admin-initial";

    @Reference
    private ApiKeys apiKeys;
    @Reference(target = "(name=spring-security-crypto)")
    private EncryptionService encryption;

    private static final List<String> SECRET_SETTINGS = List.of("org.vafa.database", "org.vafa.email.smtp", "org.vafa.sms.kavenegar",
            "org.vafa.sms.smpp", "org.vafa.sms.http");

    private Path credentialsFile;

    @Activate
    void activate() throws IOException {
        Path etc = Path.of(System.getProperty("karaf.etc", "etc"));
        credentialsFile = etc.resolve("initial-credentials.txt");
        StringBuilder written = new StringBuilder();
        Path users = etc.resolve("users.properties");
        if (Files.exists(users)) {
            ownerOnly(users);
        }
        // the shipped settings files that take a password (database, SMTP, SMS gateways) are owner-only before one is typed in
        for (String pid : SECRET_SETTINGS) {
            Path cfg = etc.resolve(pid + ".cfg");
            if (Files.exists(cfg)) {
                ownerOnly(cfg);
            }
        }
        if (Files.exists(users) && !hasUser(Files.readAllLines(users, StandardCharsets.UTF_8), ADMIN_USER)) {
            String fromEnv = System.getenv("VAFA_ADMIN_PASSWORD");
            String password = fromEnv != null && !fromEnv.isBlank() ? fromEnv : randomSecret(18);
            addUser(users, ADMIN_USER, encryption.createEncryption(Map.of("algorithm", "bcrypt")).encryptPassword(password));
            written.append("Operator user (Karaf shell, ssh -p 8101): ").append(ADMIN_USER).append('\n');
            written.append(fromEnv != null && !fromEnv.isBlank()
                    ? "Password: as given in VAFA_ADMIN_PASSWORD\n" : "Password: " + password + '\n');
            LOG.info("Created operator user '{}'", ADMIN_USER);
        }
        if (apiKeys.list().isEmpty()) {
            String key = apiKeys.create(INITIAL_KEY_NAME, Set.of(ApiKeys.ADMIN_SCOPE));
            written.append("REST API key '").append(INITIAL_KEY_NAME).append("' (scope admin): ").append(key).append('\n');
            LOG.info("Created API key '{}' with scope admin", INITIAL_KEY_NAME);
        }
        if (written.length() > 0) {
            writeOwnerOnly(credentialsFile, "# Vafa initial credentials, created at first start. Keep them safe,"
                    + " then delete this file.\n# Make more API keys with vafa:apikey-create; revoke this one with"
                    + " vafa:apikey-revoke " + INITIAL_KEY_NAME + ".\n" + written);
        }
    }

    /** Where the first start wrote its secrets, or null if that file is gone. */
    public Path credentialsFile() {
        return Files.exists(credentialsFile) ? credentialsFile : null;
    }

    static boolean hasUser(List<String> lines, String user) {
        return lines.stream().map(String::trim).anyMatch(l -> !l.startsWith("#") && l.matches(user + "\\s*=.*"));
    }

    private static void addUser(Path users, String user, String passwordHash) throws IOException {
        List<String> lines = Files.readAllLines(users, StandardCharsets.UTF_8);
        StringBuilder add = new StringBuilder();
        if (lines.stream().map(String::trim).noneMatch(l -> l.startsWith("_g_\\:admingroup"))) {
            add.append("_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n");
        }
        add.append(user).append(" = {CRYPT}").append(passwordHash).append("{CRYPT},_g_:admingroup\n");
        Files.writeString(users, add, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** rw------- : the file holds password hashes (Karaf rewrites it in place, keeping the mode). */
    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's ACL applies
        }
    }

    private static String randomSecret(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
