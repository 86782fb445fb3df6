package org.vafa.core.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.crypto.Sha256;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;

/**
 * Keeps one folder of this node alike with the same folder of every other node, through the database (table
 * {@code vafa_shared_file}, one area per folder). Each {@link #sync} stores the files added, edited or removed here
 * with a new version, then writes into (or removes from) the folder here the newer versions other nodes stored; whoever
 * watches the folder (the route deployer, the templates) picks them up as an operator's edit. A node joining takes the
 * stored files over its own first; files only it has are stored for the others. Names are relative to the folder, at
 * most {@code depth} folders down; hidden files are never mirrored (they are the half-written ones).
 */
final class FolderMirror {
    private static final Logger LOG = LoggerFactory.getLogger(FolderMirror.class);

    private final Database database;
    private final String nodeId;
    private final String area;
    private final Path folder;
    private final int depth;
    private final Predicate<Path> include;
    /** Per name: the content hash and the version this node and the database last agreed on (null hash: deleted). */
    private final Map<String, Known> known = new HashMap<>();
    private boolean joined;

    private record Known(String sha, long version) {
    }

    private record Stored(String name, String content, String sha, long version, String by, Instant at) {
    }

    FolderMirror(Database database, String nodeId, String area, Path folder, int depth, Predicate<Path> include) {
        this.database = database;
        this.nodeId = nodeId;
        this.area = area;
        this.folder = folder.toAbsolutePath().normalize();
        this.depth = depth;
        this.include = include;
    }

    /** One round: this node's changes go to the database, then the others' come here (at the first round, the other way). */
    synchronized void sync() throws IOException {
        Files.createDirectories(folder);
        if (!joined) {
            pull(true);
            joined = true;
        }
        push();
        pull(false);
    }

    private void push() throws IOException {
        Map<String, String> local = new HashMap<>();
        try (Stream<Path> walk = Files.walk(folder, depth)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(this::mirrored).toList()) {
                local.put(folder.relativize(p).toString().replace('\\', '/'), Sha256.hex(Files.readAllBytes(p)));
            }
        }
        for (Map.Entry<String, String> file : local.entrySet()) {
            Known k = known.get(file.getKey());
            if (k == null || !file.getValue().equals(k.sha())) {
                store(file.getKey(), Files.readString(folder.resolve(file.getKey()), StandardCharsets.UTF_8), file.getValue());
            }
        }
        for (Map.Entry<String, Known> k : Map.copyOf(known).entrySet()) {
            if (k.getValue().sha() != null && !local.containsKey(k.getKey())) {
                store(k.getKey(), null, null); // removed here: removed everywhere
            }
        }
    }

    private boolean mirrored(Path file) {
        for (Path part : folder.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return include.test(file);
    }

    private void store(String name, String content, String sha) {
        long version = database.inTransaction(tx -> {
            Instant now = Instant.now();
            int updated = Sql.update(tx, "UPDATE vafa_shared_file SET content = ?, sha256 = ?, version = version + 1, updated_by = ?,"
                    + " updated_at = ? WHERE area = ? AND name = ?", content, sha, nodeId, now, area, name);
            if (updated == 0) {
                Sql.update(tx, "INSERT INTO vafa_shared_file (area, name, content, sha256, version, updated_by, updated_at) VALUES"
                        + " (?, ?, ?, ?, 1, ?, ?)", area, name, content, sha, nodeId, now);
            }
            return Sql.number(tx, "SELECT version FROM vafa_shared_file WHERE area = ? AND name = ?", area, name);
        });
        known.put(name, new Known(sha, version));
        LOG.info("{} file {} {} for every node (version {})", area, name, content == null ? "removed" : "stored", version);
    }

    /**
     * @param joining the first round since this node started: the cluster's files win over the ones this node was
     *                unpacked with, but not over a file edited here after the cluster's version was stored (an operator's
     *                edit while the node was down)
     */
    private void pull(boolean joining) throws IOException {
        List<Stored> rows = database.inTransaction(tx -> Sql.list(tx, "SELECT name, content, sha256, version, updated_by, updated_at"
                + " FROM vafa_shared_file WHERE area = ?", rs -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                rs.getString(5), Sql.instant(rs, 6)), area));
        for (Stored row : rows) {
            Known k = known.get(row.name());
            if (k != null && k.version() >= row.version()) {
                continue;
            }
            Path file = folder.resolve(row.name()).normalize();
            if (!file.startsWith(folder) || !mirrored(file)) {
                LOG.warn("{} file {} from node {} is not one of this folder's: ignored", area, row.name(), row.by());
                known.put(row.name(), new Known(null, row.version()));
                continue;
            }
            if (joining && Files.exists(file) && Files.getLastModifiedTime(file).toInstant().isAfter(row.at())
                    && (row.content() == null || !row.sha().equals(Sha256.hex(Files.readAllBytes(file))))) {
                LOG.info("{} file {} was edited here after node {} stored version {}: this node's goes to the others", area, row.name(),
                        row.by(), row.version());
                known.put(row.name(), new Known("edited here", row.version()));
                continue;
            }
            if (row.content() == null) {
                if (Files.deleteIfExists(file)) {
                    LOG.info("{} file {} removed, as node {} did", area, row.name(), row.by());
                }
            } else if (!Files.exists(file) || !row.sha().equals(Sha256.hex(Files.readAllBytes(file)))) {
                Files.createDirectories(file.getParent());
                // the watchers ignore hidden files: the new version appears at once, whole
                Path scratch = Files.createTempFile(file.getParent(), ".", ".part");
                try {
                    Files.writeString(scratch, row.content(), StandardCharsets.UTF_8);
                    Files.move(scratch, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(scratch);
                }
                LOG.info("{} file {} version {} from node {}", area, row.name(), row.version(), row.by());
            }
            known.put(row.name(), new Known(row.sha(), row.version()));
        }
    }
}
