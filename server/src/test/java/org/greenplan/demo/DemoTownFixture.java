package org.greenplan.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.CascadedPolygonUnion;

/** The scale-1, seed-42 town, built once per test run: as a model in metres and as written files. */
final class DemoTownFixture {

    static final CityLayout CITY = new CityLayout(42, 1);
    static final TownTile TOWN = TownTile.build(CITY, 0, 0);
    private static Path files;

    private DemoTownFixture() {
    }

    static List<DemoFeature> layer(Layer l) {
        return TOWN.layers.get(l);
    }

    static Geometry union(Layer l) {
        return CascadedPolygonUnion.union(layer(l).stream().map(DemoFeature::metres).collect(Collectors.toList()));
    }

    static Geometry single(Layer l) {
        return layer(l).get(0).metres();
    }

    static synchronized Path files() {
        if (files == null) {
            try {
                files = Files.createTempDirectory("demo-town");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            DemoTownGenerator.generate(files, 42, 1, false);
        }
        return files;
    }

    static int intProp(DemoFeature f, String key) {
        return ((Number) f.properties().get(key)).intValue();
    }

    static double numProp(DemoFeature f, String key) {
        return ((Number) f.properties().get(key)).doubleValue();
    }

    static String text(DemoFeature f, String key) {
        Object v = f.properties().get(key);
        return v == null ? null : v.toString();
    }
}
