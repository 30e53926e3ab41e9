package org.greenplan.kind;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The construction land's {@code land_use} categories (residential, village, commercial, industrial, public,
 * park, road, …: the values the demo town carries) that land-survey codes stand for: GB/T 21010-2017 土地利用现状分类
 * and the 第三次全国国土调查 (三调) 工作分类 with its merged H codes (05H1, 08H1, 08H2) and A sub-classes
 * (0810A 广场用地, 08H2A 高教用地), plus their Chinese names (the DLMC field), read from
 * {@code kind/land-use-categories.csv} so planners can extend the table without code.
 */
public final class LandUseCategories implements CategoryTable {

    private static final String RESOURCE = "kind/land-use-categories.csv";
    private static final LandUseCategories STANDARD = new LandUseCategories(LabelTable.read(RESOURCE));

    private final Map<String, String> byLabel;

    private LandUseCategories(Map<String, String> byLabel) {
        this.byLabel = Collections.unmodifiableMap(byLabel);
    }

    /** The table shipped with greenplan. */
    public static LandUseCategories standard() {
        return STANDARD;
    }

    @Override
    public String attribute() {
        return "land_use";
    }

    @Override
    public Map<String, String> table() {
        return byLabel;
    }

    /**
     * The category a code or name stands for: the whole value (0810A, 08H2, 城镇住宅用地); then the code without
     * its A sub-class (a sub-class the table does not list belongs to its class); then, for a code finer than
     * the survey's four characters (080101, a local third level), its four-character parent (0801); then its
     * two-digit first-level class where that names one category (05 商服用地). A value that already is a
     * category id stands for itself.
     */
    @Override
    public Optional<String> categoryOf(String label) {
        if (label == null || label.isBlank()) {
            return Optional.empty();
        }
        String v = label.trim().toUpperCase(Locale.ROOT);
        String found = byLabel.get(v);
        if (found == null && v.length() > 3 && v.endsWith("A")) {
            v = v.substring(0, v.length() - 1);
            found = byLabel.get(v);
        }
        boolean code = v.matches("[0-9]{2}[0-9H][0-9A-Z]*");
        if (found == null && code && v.length() > 4) {
            found = byLabel.get(v.substring(0, 4));
        }
        if (found == null && code && v.length() >= 4) {
            found = byLabel.get(v.substring(0, 2));
        }
        if (found == null && byLabel.containsValue(label.trim())) {
            found = label.trim();
        }
        return Optional.ofNullable(found);
    }
}
