package org.greenplan.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.greenplan.geo.Feature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graph written and read back is the same graph (every array, the zone, the component counts, and the
 * same walking distances); a file that is not exactly what was asked for is refused, never trusted.
 */
class WalkGraphFileTest {

    @TempDir
    Path dir;

    private static WalkGraph tsinghua() throws IOException {
        Path data = TestNetworks.sharedData();
        assumeTrue(data != null && Files.isDirectory(data.resolve("beijing_haidian_tsinghua")), "shared OSM data not present");
        List<Feature> roads = TestNetworks.read(data.resolve("beijing_haidian_tsinghua/roads_walk.geojson"));
        return new WalkGraphBuilder().keepComponentsOfAtLeast(200).build(roads);
    }

    @Test
    void roundTripKeepsEveryArrayAndDistance() throws IOException {
        WalkGraph g = tsinghua();
        Path f = dir.resolve("g.walkgraph");
        WalkGraphFile.write(g, "roads v1", f);
        WalkGraph r = WalkGraphFile.read(f, "roads v1");
        assertThat(r).isNotNull();
        assertThat(r.zone().zone()).isEqualTo(g.zone().zone());
        assertThat(r.nodeX).isEqualTo(g.nodeX);
        assertThat(r.nodeY).isEqualTo(g.nodeY);
        assertThat(r.edgeSource).isEqualTo(g.edgeSource);
        assertThat(r.edgeTarget).isEqualTo(g.edgeTarget);
        assertThat(r.edgeLength).isEqualTo(g.edgeLength);
        assertThat(r.geomOffset).isEqualTo(g.geomOffset);
        assertThat(r.geomX).isEqualTo(g.geomX);
        assertThat(r.geomY).isEqualTo(g.geomY);
        assertThat(r.adjOffset).isEqualTo(g.adjOffset);
        assertThat(r.adjEdge).isEqualTo(g.adjEdge);
        GraphStats a = g.stats(), b = r.stats();
        assertThat(List.of(b.nodes(), b.edges(), b.roadsUsed(), b.roadsNotWalkable(), b.componentsKept(),
                b.componentsDropped())).isEqualTo(List.of(a.nodes(), a.edges(), a.roadsUsed(), a.roadsNotWalkable(),
                a.componentsKept(), a.componentsDropped()));
        assertThat(b.totalKm()).isEqualTo(a.totalKm());
        assertThat(b.droppedKm()).isEqualTo(a.droppedKm());
        assertThat(b.minComponentMetres()).isEqualTo(200);
        // the same distances from the same node
        int from = g.edgeSource(0);
        NetworkDistances dg = new MultiSourceDijkstra(g).from(List.of(new EdgeSnapper(g).snap(g.nodeX[from], g.nodeY[from])), 2000);
        NetworkDistances dr = new MultiSourceDijkstra(r).from(List.of(new EdgeSnapper(r).snap(r.nodeX[from], r.nodeY[from])), 2000);
        for (int e = 0; e < g.edgeCount(); e += 97) {
            Snap s = new EdgeSnapper(g).snap(g.nodeX[g.edgeTarget(e)], g.nodeY[g.edgeTarget(e)]);
            assertThat(dr.distanceTo(s)).isEqualTo(dg.distanceTo(s));
        }
    }

    @Test
    void anotherProvenanceFormatOrADamagedFileIsRefused() throws IOException {
        WalkGraph g = tsinghua();
        Path f = dir.resolve("g.walkgraph");
        WalkGraphFile.write(g, "roads v1", f);
        byte[] good = Files.readAllBytes(f);
        assertThat(WalkGraphFile.read(f, "roads v2")).isNull(); // built from other roads or settings
        assertThat(WalkGraphFile.read(dir.resolve("absent.walkgraph"), "roads v1")).isNull();

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10; // one bit in the coordinates
        Files.write(f, flipped);
        assertThat(WalkGraphFile.read(f, "roads v1")).isNull();

        Files.write(f, java.util.Arrays.copyOf(good, good.length - 1000)); // cut short (a crash while copying)
        assertThat(WalkGraphFile.read(f, "roads v1")).isNull();

        byte[] old = good.clone();
        old[7] = (byte) (WalkGraphFile.FORMAT + 1); // another format (checksum fixed, so only the format differs)
        Files.write(f, withChecksum(old));
        assertThat(WalkGraphFile.read(f, "roads v1")).isNull();
        Files.write(f, withChecksum(good.clone())); // the same bytes with a recomputed checksum read fine
        assertThat(WalkGraphFile.read(f, "roads v1")).isNotNull();

        Files.write(f, new byte[] {1, 2, 3});
        assertThat(WalkGraphFile.read(f, "roads v1")).isNull();
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
    }

    private static byte[] withChecksum(byte[] file) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(file, 0, file.length - 8);
        java.nio.ByteBuffer.wrap(file).putLong(file.length - 8, crc.getValue());
        return file;
    }
}
