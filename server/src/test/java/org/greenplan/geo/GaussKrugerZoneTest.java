package org.greenplan.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

class GaussKrugerZoneTest {

    @Test
    void zoneOfHangzhouIs40WithItsEpsgCodes() {
        GaussKrugerZone z = GaussKrugerZone.forLongitude(120.16);
        assertThat(z.zone()).isEqualTo(40);
        assertThat(z.epsg()).isEqualTo(4549);
        assertThat(z.epsgWithZonePrefix()).isEqualTo(4528);
        assertThat(GaussKrugerZone.forArea(new Envelope(113.9, 114.3, 22.5, 22.8)).zone()).isEqualTo(38);
    }

    @Test
    void centralMeridianMapsToFalseEastingAndMeridianArc() {
        // On the central meridian, northing equals the GRS80 meridian arc length: 3 320 113.4 m at 30°N.
        double[] en = GaussKrugerZone.of(40).project(120.0, 30.0);
        assertThat(en[0]).isCloseTo(500_000.0, within(1e-6));
        assertThat(en[1]).isCloseTo(3_320_113.4, within(0.5));
    }

    @Test
    void projectingAndBackIsLossless() {
        GaussKrugerZone z = GaussKrugerZone.of(40);
        double[] en = z.project(120.3, 30.25);
        double[] ll = z.unproject(en[0], en[1]);
        assertThat(ll[0]).isCloseTo(120.3, within(1e-9));
        assertThat(ll[1]).isCloseTo(30.25, within(1e-9));
    }

    @Test
    void areaOfAOneHundredMetreSquareIsTenThousandSquareMetres() {
        GaussKrugerZone z = GaussKrugerZone.of(40);
        double[] o = z.project(120.0, 30.3);
        Polygon square = GeoJson.WGS84.createPolygon(new Coordinate[] {
            xy(z, o[0], o[1]), xy(z, o[0] + 100, o[1]), xy(z, o[0] + 100, o[1] + 100), xy(z, o[0], o[1] + 100),
            xy(z, o[0], o[1])});
        Geometry metres = z.toMetres(square);
        assertThat(metres.getArea()).isCloseTo(10_000.0, within(1e-3));
        assertThat(square.getArea()).isLessThan(1e-5); // the input really was in degrees
    }

    @Test
    void outsideChinaTheZoneIsBuiltOnTheNearestMeridianAndStillMeasuresMetres() {
        GaussKrugerZone monaco = GaussKrugerZone.forLongitude(7.42);
        assertThat(monaco.zone()).isEqualTo(2);
        assertThat(monaco.hasEpsgCode()).isFalse();
        assertThat(monaco.epsg()).isZero();
        assertThat(monaco.proj4()).contains("+lon_0=6 ");
        // one degree of latitude at 43.7°N is 111 100 m on GRS80 (within 0.1 %): not stretched by a far zone
        double[] a = monaco.project(7.42, 43.2);
        double[] b = monaco.project(7.42, 44.2);
        assertThat(b[1] - a[1]).isCloseTo(111_100.0, within(111.0));
        assertThat(b[0] - a[0]).isCloseTo(0.0, within(2_000.0));
        assertThat(GaussKrugerZone.forLongitude(-179.9).zone()).isEqualTo(60);
        assertThat(GaussKrugerZone.forLongitude(-3.7).zone()).isEqualTo(-1);
        assertThatThrownBy(() -> GaussKrugerZone.of(61)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GaussKrugerZone.forLongitude(200)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Coordinate xy(GaussKrugerZone z, double e, double n) {
        double[] ll = z.unproject(e, n);
        return new Coordinate(ll[0], ll[1]);
    }
}
