package org.greenplan.ingest;

import static org.greenplan.SettingChecks.atLeast;
import static org.greenplan.SettingChecks.require;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The limits and places of imports ({@code greenplan.import.*} in application.yml): GeoJSON bodies, file
 * uploads and what their archives may unpack to, the GDAL timeout, the job workers and queue, the work dir.
 */
@ConfigurationProperties("greenplan.import")
public record ImportSettings(@DefaultValue("1073741824") long maxGeojsonBytes,
        @DefaultValue("1GB") DataSize maxUploadSize, @DefaultValue("10000") int maxArchiveEntries,
        @DefaultValue("10GB") DataSize maxUncompressedSize, @DefaultValue("200") double maxCompressionRatio,
        @DefaultValue("30m") Duration gdalTimeout, @DefaultValue(".data/imports") Path workDir,
        @DefaultValue("2") int workers, @DefaultValue("50") int queueCapacity) {

    public ImportSettings {
        atLeast(1, "greenplan.import.max-geojson-bytes", maxGeojsonBytes);
        require(maxUploadSize.toBytes() > 0, "greenplan.import.max-upload-size", maxUploadSize, "must be positive");
        atLeast(1, "greenplan.import.max-archive-entries", maxArchiveEntries);
        require(maxUncompressedSize.toBytes() > 0, "greenplan.import.max-uncompressed-size", maxUncompressedSize,
                "must be positive");
        require(maxCompressionRatio >= 1, "greenplan.import.max-compression-ratio", maxCompressionRatio,
                "must be at least 1");
        require(!gdalTimeout.isNegative() && !gdalTimeout.isZero(), "greenplan.import.gdal-timeout", gdalTimeout, "must be positive");
        atLeast(1, "greenplan.import.workers", workers);
        atLeast(1, "greenplan.import.queue-capacity", queueCapacity);
        workDir = workDir.toAbsolutePath().normalize();
    }

    public long maxUploadBytes() {
        return maxUploadSize.toBytes();
    }

    public long maxUncompressedBytes() {
        return maxUncompressedSize.toBytes();
    }
}
