package org.greenplan.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What GDAL is handed: real paths inside the job directory only, layer names that are not options. */
class GdalSandboxTest {

    @Test
    void aDatasetIsItsRealPathInsideTheJobDirectory(@TempDir Path tmp) throws Exception {
        Path job = Files.createDirectories(tmp.resolve("job"));
        Path file = Files.writeString(Files.createDirectories(job.resolve("src")).resolve("a.kml"), "<kml/>");
        assertThat(GdalSandbox.dataset(job.resolve("src/../src/a.kml"), job)).isEqualTo(file.toRealPath().toString());

        Path outside = Files.writeString(tmp.resolve("secret.csv"), "secret");
        assertThatThrownBy(() -> GdalSandbox.dataset(outside, job)).isInstanceOf(RejectedUploadException.class)
                .hasMessageContaining("outside the upload");
        assertThatThrownBy(() -> GdalSandbox.dataset(job.resolve("../secret.csv"), job))
                .hasMessageContaining("outside the upload");
        // a link inside the job directory to a file outside it, and a linked folder
        Path link = Files.createSymbolicLink(job.resolve("src/link.csv"), outside);
        assertThatThrownBy(() -> GdalSandbox.dataset(link, job)).isInstanceOf(RejectedUploadException.class)
                .hasMessageContaining("symbolic link");
        Path dir = Files.createSymbolicLink(job.resolve("src/dir.gdb"), job.resolve("src"));
        assertThatThrownBy(() -> GdalSandbox.dataset(dir.resolve("a.kml"), job)).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> GdalSandbox.refuseLinks(job)).isInstanceOf(RejectedUploadException.class)
                .hasMessageContaining("symbolic link");
    }

    @Test
    void aLayerNameCannotBeAnOption() {
        assertThat(GdalSandbox.layer("公园 a-b")).isEqualTo("公园 a-b");
        assertThatThrownBy(() -> GdalSandbox.layer("-sql")).isInstanceOf(RejectedUploadException.class);
        assertThatThrownBy(() -> GdalSandbox.layer("")).isInstanceOf(RejectedUploadException.class);
    }

    @Test
    void contentIsCheckedAgainstTheExtension(@TempDir Path tmp) throws Exception {
        assertThat(UploadContent.check(write(tmp, "a.kml", "\uFEFF<?xml version=\"1.0\"?>\n<!-- c -->\n<kml:kml "
                + "xmlns:kml=\"http://www.opengis.net/kml/2.2\"/>"), "kml")).isEqualTo("KML");
        assertThatThrownBy(() -> UploadContent.check(write(tmp, "b.kml", "<?xml version=\"1.0\"?><!DOCTYPE kml "
                + "[<!ENTITY e SYSTEM \"file:///etc/passwd\">]><kml>&e;</kml>"), "kml")).hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> UploadContent.check(write(tmp, "c.csv", "  <OGRVRTDataSource>"), "csv"))
                .hasMessageContaining("OGR VRT");
        assertThat(UploadContent.check(write(tmp, "d.csv", "name,x,y\n<b>,1,2\n"), "csv")).isEqualTo("CSV");
        assertThat(UploadContent.check(write(tmp, "e.dxf", "  0\nSECTION\n  2\nHEADER\n"), "dxf")).isEqualTo("DXF");
        assertThat(UploadContent.check(write(tmp, "f.json", "\n {\"type\":\"FeatureCollection\"}"), "geojson"))
                .isEqualTo("GeoJSON");
        assertThatThrownBy(() -> UploadContent.check(write(tmp, "g.gdb/readme.txt", "x").getParent(), "filegdb"))
                .hasMessageContaining("not a File Geodatabase");
    }

    private static Path write(Path dir, String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content, StandardCharsets.UTF_8);
    }
}
