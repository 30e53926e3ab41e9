package org.greenplan.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes the demo town: one GeoJSON file per layer plus {@code layers.json}, built tile by tile so that
 * memory stays at one tile whatever the scale.
 *
 * <pre>
 * DemoTownGenerator --out gis-data/demo --seed 42 --scale 1
 * </pre>
 * {@code --scale N} builds a city of N towns when N fills whole rows of ⌈√N⌉ (k × k; 20 = 5 × 4), else of
 * k × k towns, k = round(√N); scale 100 gives ~100k residential parcels
 * and ~500k road segments. The same seed and scale always give byte-identical files.
 */
public final class DemoTownGenerator {

    static final String NAME = "示范镇 (Demo Town)";

    private DemoTownGenerator() {
    }

    public static void main(String[] args) {
        Path out = Path.of("gis-data/demo");
        long seed = 42;
        int scale = 1;
        for (int k = 0; k < args.length; k++) {
            String value = k + 1 < args.length ? args[k + 1] : null;
            switch (args[k]) {
                case "--out" -> out = Path.of(require(args[k], value));
                case "--seed" -> seed = Long.parseLong(require(args[k], value));
                case "--scale" -> scale = Integer.parseInt(require(args[k], value));
                default -> throw new IllegalArgumentException("unknown option " + args[k]
                        + " (use --out DIR --seed N --scale N)");
            }
            k++;
        }
        long t0 = System.nanoTime();
        Map<Layer, Long> counts = generate(out, seed, scale, true);
        System.err.printf("done in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, counts);
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** Generates the data set into {@code out}; returns the feature count per layer. */
    static Map<Layer, Long> generate(Path out, long seed, int scale, boolean progress) {
        CityLayout city = new CityLayout(seed, scale);
        Map<Layer, LayerWriter> writers = new EnumMap<>(Layer.class);
        LayerWriter parks2020 = null;
        try {
            Files.createDirectories(out);
            for (Layer l : Layer.values()) {
                writers.put(l, new LayerWriter(out.resolve(l.file())));
            }
            parks2020 = new LayerWriter(out.resolve(ParkHistory.FILE));
            int total = city.columns * city.rows;
            long written = 0;
            for (int ty = 0; ty < city.rows; ty++) {
                for (int tx = 0; tx < city.columns; tx++) {
                    TownTile tile = TownTile.build(city, tx, ty);
                    for (Layer l : Layer.values()) {
                        for (DemoFeature f : tile.layers.get(l)) {
                            writers.get(l).write(f);
                            written++;
                            if (l == Layer.PARK && ParkHistory.existedIn2020(f)) {
                                parks2020.write(f);
                            }
                        }
                    }
                    if (progress) {
                        System.err.printf("tile %d/%d (%d,%d): %d features written%n", ty * city.columns + tx + 1, total, tx, ty, written);
                        for (TownTile.Conflict c : tile.conflicts) {
                            System.err.printf("  deliberate conflict %s (%s): %s%n", c.id(), c.landUse(), c.breach());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writers.values().forEach(LayerWriter::close);
            if (parks2020 != null) {
                parks2020.close();
            }
        }
        Map<Layer, Long> counts = new EnumMap<>(Layer.class);
        writers.forEach((l, w) -> counts.put(l, w.count()));
        writeManifest(out.resolve("layers.json"), seed, scale);
        return counts;
    }

    private static void writeManifest(Path file, long seed, int scale) {
        try (JsonGenerator gen = new JsonFactory().createGenerator(ObjectWriteContext.empty(),
                Files.newBufferedWriter(file))) {
            gen.writeStartObject();
            gen.writeStringProperty("name", NAME);
            gen.writeNumberProperty("seed", seed);
            gen.writeNumberProperty("scale", scale);
            gen.writeName("centre");
            gen.writeStartArray();
            gen.writeNumber(CityLayout.CENTRE_LON);
            gen.writeNumber(CityLayout.CENTRE_LAT);
            gen.writeEndArray();
            gen.writeName("layers");
            gen.writeStartArray();
            for (Layer l : Layer.values()) {
                gen.writeRaw("\n ");
                gen.writeStartObject();
                gen.writeStringProperty("id", l.id());
                gen.writeStringProperty("kind", l.kind());
                gen.writeStringProperty("name", l.title);
                gen.writeStringProperty("file", l.file());
                if (l == Layer.PARK) {
                    // published first, as version 1; the file above becomes version 2
                    gen.writeName("earlier");
                    gen.writeStartArray();
                    gen.writeStartObject();
                    gen.writeStringProperty("name", ParkHistory.NAME);
                    gen.writeStringProperty("file", ParkHistory.FILE);
                    gen.writeEndObject();
                    gen.writeEndArray();
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
            gen.writeRaw("\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
