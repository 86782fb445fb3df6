package org.vafa.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StaticFilesTest {

    @Test
    void onlyPlainNamesOfKnownKindsUnderTheSiteAreServed() {
        assertThat(StaticFiles.resource("console", "/console/")).contains("web/console/index.html");
        assertThat(StaticFiles.resource("console", "/console/app.js")).contains("web/console/app.js");
        assertThat(StaticFiles.resource("console", "/console/fonts/vazirmatn.woff2")).contains("web/console/fonts/vazirmatn.woff2");
        assertThat(StaticFiles.resource("console", "/console/../etc/users.properties")).isEmpty();
        assertThat(StaticFiles.resource("console", "/console/..%2fetc/x.js")).isEmpty();
        assertThat(StaticFiles.resource("console", "/console/.hidden.js")).isEmpty();
        assertThat(StaticFiles.resource("console", "/console/app.class")).isEmpty();
        assertThat(StaticFiles.resource("console", "/consoleX/app.js")).isEmpty();
        assertThat(StaticFiles.resource("console", "/console//app.js")).isEmpty();
    }
}
