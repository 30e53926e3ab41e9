package org.greenplan;

import java.util.Locale;

/** Numbers written as text for people and spreadsheets: a point, no exponent, no trailing zeros. */
public final class Decimals {

    private Decimals() {
    }

    /**
     * At most six decimals (a millionth of a percent or a square metre is below any survey's precision); an
     * empty cell for NaN (no value, e.g. an indicator whose denominator is 0).
     */
    public static String plain(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** Rounded half up to {@code decimals} places, for figures shown to people (0.1 m, 0.1 km, 1e-7°). */
    public static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    /** A whole number without its ".0" (5.0 → "5"), any other as Java writes it (7.5 → "7.5"): for ids. */
    public static String compact(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
