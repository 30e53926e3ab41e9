package org.greenplan.ingest;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/** The limits and places of file imports ({@code greenplan.import.*} in application.yml). */
@Component
public class ImportSettings {

    private final long maxUploadBytes;
    private final int maxArchiveEntries;
    private final long maxUncompressedBytes;
    private final double maxCompressionRatio;
    private final Duration gdalTimeout;
    private final Path workDir;
    private final int workers;
    private final int queueCapacity;

    public ImportSettings(@Value("${greenplan.import.max-upload-size:1GB}") DataSize maxUpload,
            @Value("${greenplan.import.max-archive-entries:10000}") int maxArchiveEntries,
            @Value("${greenplan.import.max-uncompressed-size:10GB}") DataSize maxUncompressed,
            @Value("${greenplan.import.max-compression-ratio:200}") double maxCompressionRatio,
            @Value("${greenplan.import.gdal-timeout:30m}") Duration gdalTimeout,
            @Value("${greenplan.import.work-dir:.data/imports}") String workDir,
            @Value("${greenplan.import.workers:2}") int workers,
            @Value("${greenplan.import.queue-capacity:50}") int queueCapacity) {
        this.maxUploadBytes = maxUpload.toBytes();
        this.maxArchiveEntries = maxArchiveEntries;
        this.maxUncompressedBytes = maxUncompressed.toBytes();
        this.maxCompressionRatio = maxCompressionRatio;
        this.gdalTimeout = gdalTimeout;
        this.workDir = Path.of(workDir).toAbsolutePath().normalize();
        this.workers = workers;
        this.queueCapacity = queueCapacity;
    }

    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    public int maxArchiveEntries() {
        return maxArchiveEntries;
    }

    public long maxUncompressedBytes() {
        return maxUncompressedBytes;
    }

    public double maxCompressionRatio() {
        return maxCompressionRatio;
    }

    public Duration gdalTimeout() {
        return gdalTimeout;
    }

    public Path workDir() {
        return workDir;
    }

    public int workers() {
        return workers;
    }

    public int queueCapacity() {
        return queueCapacity;
    }
}
