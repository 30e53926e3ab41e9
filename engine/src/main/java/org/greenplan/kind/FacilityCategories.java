package org.greenplan.kind;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * The facility categories (of the {@link LayerKind#FACILITY} kind) that real sources' labels stand for:
 * Chinese names (幼儿园, 社区卫生服务站), AMap (高德) POI types and type codes, and OpenStreetMap tags such as
 * {@code highway=bus_stop}, read from {@code kind/facility-categories.csv} so planners can extend the table
 * without code. The import proposes these; the analyst's own value map wins over them.
 */
public final class FacilityCategories implements CategoryTable {

    private static final String RESOURCE = "kind/facility-categories.csv";
    private static final FacilityCategories STANDARD = new FacilityCategories(LabelTable.read(RESOURCE));

    private final Map<String, String> byLabel;

    private FacilityCategories(Map<String, String> byLabel) {
        this.byLabel = Collections.unmodifiableMap(byLabel);
    }

    /** The table shipped with greenplan. */
    public static FacilityCategories standard() {
        return STANDARD;
    }

    @Override
    public String attribute() {
        return "category";
    }

    /** Label → category id, in the file's order. */
    @Override
    public Map<String, String> table() {
        return byLabel;
    }

    /**
     * The category a source label stands for: the whole value; then, for AMap's "大类;中类;小类", its last
     * part, then its middle part; a value that already is a category id stands for itself.
     */
    @Override
    public Optional<String> categoryOf(String label) {
        if (label == null || label.isBlank()) {
            return Optional.empty();
        }
        String v = label.trim();
        String found = byLabel.get(v);
        if (found == null) {
            String[] parts = v.split(";");
            if (parts.length > 1) {
                found = byLabel.get(parts[parts.length - 1].trim());
                if (found == null) {
                    found = byLabel.get(parts[1].trim());
                }
            }
        }
        if (found == null && byLabel.containsValue(v)) {
            found = v;
        }
        return Optional.ofNullable(found);
    }
}
