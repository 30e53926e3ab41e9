package org.greenplan.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.greenplan.kind.LayerKind;
import org.greenplan.workspace.Workspace;
import org.greenplan.layer.LayerPublisher.Published;
import org.greenplan.layer.LayerPublisher.Target;
import org.greenplan.layer.LayerRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Loads the demo town (gis-data/demo, described by its layers.json) on start; a layer listed with
 * {@code earlier} files (the parks' 2020 survey) gets them as its first versions and its own file as the current one. Only layers that do not
 * exist yet are loaded, so restarts are idempotent and an analyst's changes to a demo layer survive.
 */
@Component
public class DemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final boolean enabled;
    private final Path dir;
    private final LayerRepository layers;
    private final GeoJsonUpload upload;
    private final ObjectMapper json;

    public DemoDataLoader(DemoProperties settings, LayerRepository layers, GeoJsonUpload upload, ObjectMapper json) {
        this.enabled = settings.load();
        this.dir = Path.of(settings.dir());
        this.layers = layers;
        this.upload = upload;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!enabled) {
            return;
        }
        Path manifest = dir.resolve("layers.json");
        if (!Files.isRegularFile(manifest)) {
            log.warn("Demo data not loaded: {} not found (run from the project folder or set GREENPLAN_DEMO_DIR)",
                    manifest.toAbsolutePath());
            return;
        }
        JsonNode m = json.readTree(manifest.toFile());
        JsonNode entries = m.path("layers");
        int i = 0;
        for (JsonNode entry : entries) {
            i++;
            String id = entry.path("id").asString();
            if (layers.exists(Workspace.DEFAULT_ID, id)) {
                continue;
            }
            LayerKind kind = LayerKind.fromId(entry.path("kind").asString())
                    .orElseThrow(() -> new IllegalStateException("demo layer " + id + " has an unknown kind"));
            // a layer with a history (the parks' 2020 survey) gets its earlier files as versions 1…, then its file
            boolean first = true;
            for (JsonNode earlier : entry.path("earlier")) {
                load(i, entries.size(), id, entry.path("name").asString(), kind, first, earlier.path("file").asString());
                first = false;
            }
            load(i, entries.size(), id, entry.path("name").asString(), kind, first, entry.path("file").asString());
        }
    }

    private void load(int i, int of, String id, String name, LayerKind kind, boolean newLayer, String fileName)
            throws IOException {
        Path file = dir.resolve(fileName).normalize();
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(file)) {
            Published p = upload.load(new Target(Workspace.DEFAULT_ID, id, name, kind, newLayer, "demo:" + file.getFileName(),
                    "demo"), kind.geometry(), in);
            log.info("Demo layer {}/{} {} v{}: {} features in {} ms", i, of, id, p.version().version(),
                    p.version().featureCount(), (System.nanoTime() - start) / 1_000_000);
        }
    }
}
