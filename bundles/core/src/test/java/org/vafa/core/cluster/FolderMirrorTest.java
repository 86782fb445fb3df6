package org.vafa.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.db.Database;
import org.vafa.core.Standalone;
import org.vafa.core.db.TestDatabases;

/** Two nodes' folders kept alike through the database: adds, edits and removals travel; a joining node takes the cluster's. */
class FolderMirrorTest {
    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void filesTravelBetweenNodes(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            Database database = Standalone.database(db, "test");
            Path a = Files.createTempDirectory("node-a");
            Path b = Files.createTempDirectory("node-b");
            FolderMirror onA = mirror(database, "a", a);
            FolderMirror onB = mirror(database, "b", b);

            Files.writeString(a.resolve("shop.camel.yaml"), "one");
            Files.writeString(a.resolve("notes.txt"), "not a route file");
            onA.sync();
            onB.sync();
            assertThat(b.resolve("shop.camel.yaml")).hasContent("one");
            assertThat(b.resolve("notes.txt")).doesNotExist();

            Files.writeString(b.resolve("shop.camel.yaml"), "two");
            onB.sync();
            onA.sync();
            assertThat(a.resolve("shop.camel.yaml")).hasContent("two");

            Files.delete(a.resolve("shop.camel.yaml"));
            Files.writeString(a.resolve("crm.camel.yaml"), "crm");
            onA.sync();
            onB.sync();
            assertThat(b.resolve("shop.camel.yaml")).doesNotExist();
            assertThat(b.resolve("crm.camel.yaml")).hasContent("crm");

            // a new node unpacked with an older copy takes the cluster's; one edited here while it was down keeps its edit
            Path c = Files.createTempDirectory("node-c");
            Files.writeString(c.resolve("crm.camel.yaml"), "as shipped");
            Files.setLastModifiedTime(c.resolve("crm.camel.yaml"), FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
            Files.writeString(c.resolve("shop.camel.yaml"), "edited while down");
            // a second after the cluster's version (the file system's clock is coarser than a test is fast)
            Files.setLastModifiedTime(c.resolve("shop.camel.yaml"), FileTime.from(Instant.now().plusSeconds(1)));
            mirror(database, "c", c).sync();
            assertThat(c.resolve("crm.camel.yaml")).hasContent("crm");
            assertThat(c.resolve("shop.camel.yaml")).hasContent("edited while down");
            onA.sync();
            assertThat(a.resolve("shop.camel.yaml")).as("c's edit reaches the others").hasContent("edited while down");
        }
    }

    private static FolderMirror mirror(Database database, String node, Path folder) {
        return new FolderMirror(database, node, "routes", folder, 1, org.vafa.core.routes.RouteDeployer::isRouteFile);
    }
}
