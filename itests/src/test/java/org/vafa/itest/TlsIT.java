package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTPS by configuration: a keystore under etc/, its password from the environment, the REST API over TLS. */
class TlsIT {
    @Test
    void theRestApiIsServedOverHttpsWhenTlsIsOn() throws Exception {
        String password = "it-" + System.nanoTime();
        try (VafaServer server = VafaServer.fresh("TlsIT", Map.of("VAFA_TLS_KEYSTORE_PASSWORD", password))) {
            Process keytool = new ProcessBuilder(List.of(System.getProperty("java.home") + "/bin/keytool", "-genkeypair", "-alias", "vafa",
                    "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                    server.home.resolve("etc/vafa.p12").toString(), "-storepass", password, "-keypass", password)).inheritIO().start();
            assertThat(keytool.waitFor()).isZero();
            server.config("org.vafa.rest", "tlsEnabled = true\ntlsKeystore = vafa.p12\n");
            server.useTls();
            server.start();
            HttpResponse<String> health = server.get("/api/health", null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.uri().getScheme()).isEqualTo("https");
            assertThat(server.get("/api/club/members?mobile=09121234567", server.apiKey()).statusCode()).isEqualTo(200);
            assertThat(java.nio.file.Files.readString(server.home.resolve("console.log"))).contains("HTTPS 0.0.0.0:8181")
                    .doesNotContain(password);
        }
    }
}
