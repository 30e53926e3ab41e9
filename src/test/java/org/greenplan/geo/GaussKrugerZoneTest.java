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
    void dataOutsideChinaIsMeasuredInItsOwnZoneWithoutAnEpsgCode() {
        // Andorra (1.6°E): zone 1 (CM 3°E), not China's zone 25 (CM 75°E) 73° away
        GaussKrugerZone z = GaussKrugerZone.forLongitude(1.6);
        assertThat(z.zone()).isEqualTo(1);
        assertThat(z.isChinaZone()).isFalse();
        assertThat(z.epsg()).isZero();
        assertThat(z.proj4()).contains("+lon_0=3 ");
        assertThat(GaussKrugerZone.forLongitude(120.16).isChinaZone()).isTrue();
        assertThatThrownBy(() -> GaussKrugerZone.of(61)).isInstanceOf(IllegalArgumentException.class);
        // a 100 m square near Andorra keeps its area (it would not in zone 25)
        double[] o = z.project(1.6, 42.5);
        Polygon square = GeoJson.WGS84.createPolygon(new Coordinate[] {
            xy(z, o[0], o[1]), xy(z, o[0] + 100, o[1]), xy(z, o[0] + 100, o[1] + 100), xy(z, o[0], o[1] + 100),
            xy(z, o[0], o[1])});
        assertThat(z.toMetres(square).getArea()).isCloseTo(10_000.0, within(1e-3));
    }

    private static Coordinate xy(GaussKrugerZone z, double e, double n) {
        double[] ll = z.unproject(e, n);
        return new Coordinate(ll[0], ll[1]);
    }
}
