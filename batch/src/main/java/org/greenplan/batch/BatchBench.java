package org.greenplan.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.greenplan.demo.DemoTownGenerator;
import org.greenplan.geo.Feature;
import org.greenplan.geo.FeatureAttributes;
import org.greenplan.geo.GaussKrugerZone;
import org.greenplan.geo.GeoJsonFeature;
import org.greenplan.geo.GeoJsonFeatureReader;
import org.greenplan.indicator.AreaInputs;
import org.greenplan.indicator.WalkingNetwork;
import org.greenplan.kind.LayerKind;
import org.greenplan.network.GraphWalkingNetwork;
import org.greenplan.network.WalkGraph;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code ./batch.sh bench [--scale N]}: the province job with local[2] and local[1] side by side, the speed-up,
 * and beside them the same units one after another through the engine in one JVM (one walking graph of all roads:
 * the server's way; each unit offered the features within its margin, as the server's indexed query offers them,
 * so the loop does not scan the whole province per unit). local[2] runs first, so the JVM's and Spark's warm-up
 * land on it and the speed-up printed is a lower bound. Timings are printed, never asserted.
 */
public final class BatchBench {

    private BatchBench() {
    }

    public static void main(String[] args) throws IOException {
        int scale = 400;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--scale")) {
                scale = Integer.parseInt(args[i + 1]);
            } else {
                throw new IllegalArgumentException("unknown option " + args[i] + " (use --scale N)");
            }
        }
        Path data = Path.of("target/bench-data/province-s" + scale);
        if (!Files.exists(data.resolve("layers.json"))) {
            DemoTownGenerator.main(new String[] {"--out", data.toString(), "--scale", Integer.toString(scale)});
        }
        double[] seconds = new double[3];
        int units = 0;
        for (int cores = 2; cores >= 1; cores--) {
            SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("batch bench")
                    .config("spark.ui.enabled", "false").getOrCreate();
            try {
                long t0 = System.nanoTime();
                ProvinceJob.Outcome o = ProvinceJob.run(spark, ProvinceJob.Options.parse("--input", data.toString(),
                        "--out", "target/bench-data/province-s" + scale + "-out-" + cores));
                seconds[cores - 1] = (System.nanoTime() - t0) / 1e9;
                units = o.units();
                ProvinceJob.progress("local[%d]: %.1f s, stages %s", cores, seconds[cores - 1], o.stageMillis());
            } finally {
                spark.stop();
            }
        }
        long t0 = System.nanoTime();
        Map<LayerKind, List<Feature>> all = readAll(data);
        Envelope env = new Envelope();
        all.getOrDefault(LayerKind.ROAD, List.of()).forEach(f -> env.expandToInclude(f.geometry().getEnvelopeInternal()));
        WalkGraph g = UnitIndicators.graph(all.get(LayerKind.ROAD), GaussKrugerZone.forArea(env));
        WalkingNetwork net = new GraphWalkingNetwork(g, UnitIndicators.MAX_SNAP_METRES, "all roads");
        Map<LayerKind, STRtree> index = new EnumMap<>(LayerKind.class);
        all.forEach((kind, features) -> {
            STRtree t = new STRtree();
            for (int k = 0; k < features.size(); k++) {
                t.insert(features.get(k).geometry().getEnvelopeInternal(), k);
            }
            index.put(kind, t);
        });
        double margin = UnitIndicators.marginMetres();
        for (Feature u : all.get(LayerKind.ADMIN_AREA)) {
            Geometry reach = AreaInputs.around(u.geometry().isValid() ? u.geometry() : u.geometry().getEnvelope(), margin);
            Map<LayerKind, List<Feature>> near = new EnumMap<>(LayerKind.class);
            index.forEach((kind, t) -> near.put(kind, near(t, all.get(kind), reach)));
            UnitIndicators.compute(new UnitIndicators.Unit(String.valueOf(u.attributes().get("code")),
                    String.valueOf(u.attributes().get("name")), u.geometry()), near, all.keySet(), () -> net);
        }
        seconds[2] = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%nprovince of scale %d: %d units, heap %d MB%n", scale, units,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("%-44s %10s %14s%n", "run", "seconds", "s per unit");
        System.out.printf("%-44s %10.1f %14.3f%n", "Spark local[1]", seconds[0], seconds[0] / units);
        System.out.printf("%-44s %10.1f %14.3f%n", "Spark local[2]", seconds[1], seconds[1] / units);
        System.out.printf("%-44s %10.1f %14.3f%n", "one JVM, units one after another (reference)", seconds[2],
                seconds[2] / units);
        System.out.printf("speed-up local[1] → local[2]: %.2f× (goal ≥ 1.7×)%n", seconds[0] / seconds[1]);
    }

    /** The features of one kind within a unit's reach, in file order (the order the server reads them in). */
    private static List<Feature> near(STRtree index, List<Feature> features, Geometry reach) {
        @SuppressWarnings("unchecked")
        List<Integer> hits = index.query(reach.getEnvelopeInternal());
        return hits.stream().sorted().map(features::get).filter(f -> f.geometry().intersects(reach)).toList();
    }

    /** Every layer of the manifest through the engine's reader, in file order. */
    static Map<LayerKind, List<Feature>> readAll(Path in) {
        Map<LayerKind, List<Feature>> out = new EnumMap<>(LayerKind.class);
        JsonNode manifest = new ObjectMapper().readTree(in.resolve("layers.json").toFile());
        for (JsonNode l : manifest.path("layers")) {
            LayerKind kind = LayerKind.fromId(l.path("kind").asString()).orElseThrow();
            try (InputStream s = Files.newInputStream(in.resolve(l.path("file").asString()));
                    GeoJsonFeatureReader r = new GeoJsonFeatureReader(s)) {
                while (r.hasNext()) {
                    GeoJsonFeature f = r.next();
                    f.geometry().setSRID(4326);
                    out.computeIfAbsent(kind, k -> new ArrayList<>()).add(new Feature(f.id(), f.geometry(),
                            FeatureAttributes.fromJson(f.properties().toString())));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
