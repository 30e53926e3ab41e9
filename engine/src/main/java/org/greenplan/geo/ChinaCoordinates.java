package org.greenplan.geo;

import org.locationtech.jts.geom.Geometry;

/**
 * The obfuscated coordinate systems of Chinese web maps and their POI exports, and the way back:
 * GCJ-02 (火星坐标, AMap/高德, Tencent, Google China) and BD-09 (Baidu). GCJ-02 is WGS84 plus a published
 * non-linear offset of a few hundred metres; BD-09 is a further rotation/scale of GCJ-02. The forward
 * formulas are exact; the inverses are solved iteratively to well below a centimetre. Outside mainland
 * China (the usual rough box) GCJ-02 equals WGS84.
 *
 * <p>All methods take and return {lon, lat} in degrees.
 */
public final class ChinaCoordinates {

    /** Krasovsky 1940 semi-major axis and eccentricity², as used by the GCJ-02 formula. */
    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;
    private static final double X_PI = Math.PI * 3000.0 / 180.0;

    private ChinaCoordinates() {
    }

    /** The coordinate systems an upload may be in besides a real CRS. */
    public enum System {
        WGS84, GCJ02, BD09;

        public static System parse(String s) {
            return switch (s.trim().toLowerCase().replace("-", "").replace("_", "")) {
                case "gcj02", "gcj", "amap" -> GCJ02;
                case "bd09", "bd09ll", "baidu" -> BD09;
                case "wgs84", "epsg:4326", "4326" -> WGS84;
                default -> throw new IllegalArgumentException("unknown coordinate system '" + s + "'");
            };
        }
    }

    /** The rough box GCJ-02 implementations treat as mainland China. */
    public static boolean outOfChina(double lon, double lat) {
        return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    public static double[] wgs84ToGcj02(double lon, double lat) {
        if (outOfChina(lon, lat)) {
            return new double[] {lon, lat};
        }
        double[] d = delta(lon, lat);
        return new double[] {lon + d[0], lat + d[1]};
    }

    /** Inverse of {@link #wgs84ToGcj02} by fixed-point iteration (converges to ~1e-9° in a few steps). */
    public static double[] gcj02ToWgs84(double lon, double lat) {
        if (outOfChina(lon, lat)) {
            return new double[] {lon, lat};
        }
        return invert(ChinaCoordinates::wgs84ToGcj02, lon, lat, lon, lat);
    }

    public static double[] gcj02ToBd09(double lon, double lat) {
        double z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
        double theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
        return new double[] {z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006};
    }

    /** Inverse of {@link #gcj02ToBd09}, iterated on the exact forward formula. */
    public static double[] bd09ToGcj02(double lon, double lat) {
        return invert(ChinaCoordinates::gcj02ToBd09, lon, lat, lon - 0.0065, lat - 0.006);
    }

    /**
     * The position that {@code forward} maps to (lon, lat), by fixed-point iteration from a first guess: the
     * offsets vary slowly with position, so it converges to ~1e-9° in a few steps.
     */
    private static double[] invert(PointTransform forward, double lon, double lat, double guessLon, double guessLat) {
        double x = guessLon;
        double y = guessLat;
        for (int i = 0; i < 30; i++) {
            double[] f = forward.apply(x, y);
            double dLon = f[0] - lon;
            double dLat = f[1] - lat;
            x -= dLon;
            y -= dLat;
            if (Math.abs(dLon) < 1e-10 && Math.abs(dLat) < 1e-10) {
                break;
            }
        }
        return new double[] {x, y};
    }

    public static double[] bd09ToWgs84(double lon, double lat) {
        double[] g = bd09ToGcj02(lon, lat);
        return gcj02ToWgs84(g[0], g[1]);
    }

    public static double[] wgs84ToBd09(double lon, double lat) {
        double[] g = wgs84ToGcj02(lon, lat);
        return gcj02ToBd09(g[0], g[1]);
    }

    /** Converts a position from {@code from} to WGS84. */
    public static double[] toWgs84(System from, double lon, double lat) {
        return switch (from) {
            case WGS84 -> new double[] {lon, lat};
            case GCJ02 -> gcj02ToWgs84(lon, lat);
            case BD09 -> bd09ToWgs84(lon, lat);
        };
    }

    /** Converts a WGS84 position to {@code to}. */
    public static double[] fromWgs84(System to, double lon, double lat) {
        return switch (to) {
            case WGS84 -> new double[] {lon, lat};
            case GCJ02 -> wgs84ToGcj02(lon, lat);
            case BD09 -> wgs84ToBd09(lon, lat);
        };
    }

    /** Converts every vertex of a geometry in place; {@code toWgs84} picks the direction. */
    public static void apply(Geometry g, System other, boolean toWgs84) {
        if (other == System.WGS84) {
            return;
        }
        PointTransform move = toWgs84 ? (x, y) -> toWgs84(other, x, y) : (x, y) -> fromWgs84(other, x, y);
        move.applyInPlace(g);
    }

    private static double[] delta(double lon, double lat) {
        double dLat = transformLat(lon - 105.0, lat - 35.0);
        double dLon = transformLon(lon - 105.0, lat - 35.0);
        double radLat = lat / 180.0 * Math.PI;
        double magic = Math.sin(radLat);
        magic = 1 - EE * magic * magic;
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {dLon, dLat};
    }

    private static double transformLat(double x, double y) {
        double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return ret;
    }

    private static double transformLon(double x, double y) {
        double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return ret;
    }
}
