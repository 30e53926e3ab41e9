package org.greenplan.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.greenplan.GreenplanApplication;
import org.greenplan.demo.DemoTownGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The benchmark city: the demo generator at a given scale, generated once into target/bench-data and
 * loaded once (by the server's own demo loader) into the database bench.sh provisions.
 */
final class BenchCity {

    private BenchCity() {
    }

    static Path generate(int scale) {
        Path dir = Path.of("target", "bench-data", "scale-" + scale);
        if (!Files.isRegularFile(dir.resolve("layers.json"))) {
            System.out.printf("generating the scale-%d city into %s …%n", scale, dir);
            long t = System.nanoTime();
            DemoTownGenerator.main(new String[] {"--out", dir.toString(), "--seed", "42", "--scale", String.valueOf(scale)});
            System.out.printf("generated in %.1f s%n", (System.nanoTime() - t) / 1e9);
        }
        return dir;
    }

    /** Starts the real server on a free port with the city loaded; the caller closes it. */
    static ConfigurableApplicationContext serve(Path cityDir) {
        return serve(cityDir, false);
    }

    /**
     * As {@link #serve(Path)}; {@code overviews}: build the z 12 tile overviews in the background (only the tile
     * benchmark wants them; elsewhere their first build would compete with what is being timed).
     */
    static ConfigurableApplicationContext serve(Path cityDir, boolean overviews) {
        System.out.println("starting the server and loading the city (first run only) …");
        long t = System.nanoTime();
        ConfigurableApplicationContext ctx = new SpringApplication(GreenplanApplication.class).run(
                "--server.port=0", "--greenplan.demo.load=true", "--greenplan.demo.dir=" + cityDir,
                "--greenplan.tiles.overviews=" + overviews,
                "--logging.level.root=warn", "--logging.level.org.greenplan=info");
        System.out.printf("server ready in %.1f s%n", (System.nanoTime() - t) / 1e9);
        return ctx;
    }

    static int port(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
    }
}
