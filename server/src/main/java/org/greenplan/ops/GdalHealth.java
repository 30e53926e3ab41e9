package org.greenplan.ops;

import java.time.Duration;
import java.util.List;
import org.greenplan.ingest.GdalRunner;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code gdal} in {@code /actuator/health}: every import and export runs {@code ogr2ogr}, so a server without it
 * (or with a broken one) is not healthy even though it answers maps. The answer is remembered for a minute: a
 * health check polled every few seconds does not start a process each time.
 */
@Component("gdal")
public class GdalHealth implements HealthIndicator {

    private static final long KEEP_NANOS = Duration.ofMinutes(1).toNanos();

    private final GdalRunner gdal;
    private volatile Health last;
    private volatile long checkedAt;

    public GdalHealth(GdalRunner gdal) {
        this.gdal = gdal;
    }

    @Override
    public Health health() {
        Health h = last;
        if (h == null || System.nanoTime() - checkedAt > KEEP_NANOS) {
            h = check();
            last = h;
            checkedAt = System.nanoTime();
        }
        return h;
    }

    private Health check() {
        try {
            GdalRunner.Result r = gdal.run(List.of("ogr2ogr", "--version"), Duration.ofSeconds(10), p -> { });
            // the version line, past any warnings GDAL prints first (e.g. about GDAL_SKIP)
            String version = r.output().lines().map(String::strip).filter(l -> l.startsWith("GDAL ")).findFirst()
                    .orElse(null);
            return r.exitCode() == 0 && version != null
                    ? Health.up().withDetail("ogr2ogr", version).build()
                    : Health.down().withDetail("ogr2ogr", "exit " + r.exitCode() + ": " + r.output().strip()).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("ogr2ogr", "cannot run: " + e.getMessage()).build();
        }
    }
}
