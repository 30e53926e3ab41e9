package org.greenplan.kind;

import java.util.Map;
import java.util.Optional;

/**
 * A kind's coded attribute and the table proposing its values from the labels real sources use: the
 * facility {@code category} (FacilityCategories) and the construction land's {@code land_use}
 * (LandUseCategories). The import maps the attribute's values through it, the analyst's value map first.
 */
public interface CategoryTable {

    /** The attribute whose values the table maps, e.g. {@code category} or {@code land_use}. */
    String attribute();

    /** Label → category id, in the file's order. */
    Map<String, String> table();

    /** The category a source label stands for, if the table knows it. */
    Optional<String> categoryOf(String label);

    /** The table of a kind's coded attribute, if the kind has one. */
    static Optional<CategoryTable> of(LayerKind kind) {
        return switch (kind) {
            case FACILITY -> Optional.of(FacilityCategories.standard());
            case CONSTRUCTION_LAND -> Optional.of(LandUseCategories.standard());
            default -> Optional.empty();
        };
    }
}
