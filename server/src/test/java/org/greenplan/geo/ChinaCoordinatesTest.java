package org.greenplan.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * GCJ-02 / BD-09 against published reference points (the eviltransform test vectors, cross-checked by
 * several independent implementations) and the accuracy of the iterative inverses.
 */
class ChinaCoordinatesTest {

    /** {wgsLon, wgsLat, gcjLon, gcjLat}: Shanghai, Shenzhen, Beijing. */
    static final double[][] REFERENCE = {
        {121.5272106, 31.1774276, 121.531541859215, 31.17530398364597},
        {113.912316, 22.543847, 113.9171764808363, 22.540796131694766},
        {116.377817, 39.911954, 116.38404722455657, 39.91334545536069},
    };

    /** Metres between two lon/lat positions (equirectangular: fine over metres). */
    static double metres(double[] a, double lon, double lat) {
        double dx = Math.toRadians(a[0] - lon) * Math.cos(Math.toRadians(lat)) * 6371008.8;
        double dy = Math.toRadians(a[1] - lat) * 6371008.8;
        return Math.hypot(dx, dy);
    }

    @Test
    void forwardMatchesTheReferencePoints() {
        for (double[] r : REFERENCE) {
            assertThat(metres(ChinaCoordinates.wgs84ToGcj02(r[0], r[1]), r[2], r[3])).isLessThan(0.01);
        }
    }

    @Test
    void inverseRecoversWgs84BetterThanTwoMetres() {
        for (double[] r : REFERENCE) {
            double[] w = ChinaCoordinates.gcj02ToWgs84(r[2], r[3]);
            assertThat(metres(w, r[0], r[1])).isLessThan(2.0).isLessThan(0.01);
        }
    }

    @Test
    void baiduMatchesItsReferenceAndRoundTrips() {
        double[] bd = ChinaCoordinates.gcj02ToBd09(121.531541859215, 31.17530398364597);
        assertThat(metres(bd, 121.53801568643858, 31.181328606874466)).isLessThan(0.01);
        double[] wgs = ChinaCoordinates.bd09ToWgs84(121.53801568643858, 31.181328606874466);
        assertThat(metres(wgs, 121.5272106, 31.1774276)).isLessThan(2.0).isLessThan(0.01);
        double[] back = ChinaCoordinates.wgs84ToBd09(wgs[0], wgs[1]);
        assertThat(metres(back, 121.53801568643858, 31.181328606874466)).isLessThan(0.01);
    }

    @Test
    void outsideChinaNothingMoves() {
        assertThat(ChinaCoordinates.wgs84ToGcj02(139.6917, 35.6895)).containsExactly(139.6917, 35.6895);
        assertThat(ChinaCoordinates.outOfChina(2.35, 48.85)).isTrue();
        assertThat(ChinaCoordinates.outOfChina(120.15, 30.27)).isFalse();
    }
}
