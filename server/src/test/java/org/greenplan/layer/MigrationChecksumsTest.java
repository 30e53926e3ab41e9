package org.greenplan.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the rule that a Flyway migration which has been on main is never edited: every database that
 * applied the old text would fail Flyway's validation at its next start. The checksums of the migrations on
 * main are committed in {@code src/test/resources/migration-checksums.txt}; a changed or removed one fails
 * here, and so does a new migration without its line (so that the next one is guarded from the day it lands).
 */
class MigrationChecksumsTest {

    private static final Path MIGRATIONS = Path.of("server/src/main/resources/db/migration");
    private static final Path RECORDED = Path.of("server/src/test/resources/migration-checksums.txt");

    @Test
    void noMigrationOnMainWasEditedOrRemoved() throws IOException {
        Map<String, String> recorded = recorded();
        Map<String, String> actual = actual();
        assertThat(recorded).as("migrations recorded in %s", RECORDED).isNotEmpty();
        recorded.forEach((file, sha) -> {
            assertThat(actual).as("%s has been on main and must not be removed", file).containsKey(file);
            assertThat(actual.get(file)).as("%s has been on main and must not be edited: add a new migration",
                    file).isEqualTo(sha);
        });
    }

    @Test
    void everyMigrationIsRecorded() throws IOException {
        Map<String, String> recorded = recorded();
        for (String file : actual().keySet()) {
            assertThat(recorded).as("new migration %s: add its line to %s (sha256sum %s)", file, RECORDED, file)
                    .containsKey(file);
        }
    }

    private static Map<String, String> recorded() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String line : Files.readAllLines(RECORDED)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+", 2);
            out.put(parts[1], parts[0]);
        }
        return out;
    }

    private static Map<String, String> actual() throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            // versioned migrations only: Flyway records and validates their checksums; callbacks such as
            // afterMigrate.sql run at every start and may change
            List<Path> sql = files.filter(p -> p.getFileName().toString().matches("V[0-9_]+__.*\\.sql")).toList();
            return sql.stream().collect(Collectors.toMap(p -> p.getFileName().toString(),
                    MigrationChecksumsTest::sha256, (a, b) -> a, TreeMap::new));
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash " + file, e);
        }
    }
}
