package org.greenplan.indicator;

import java.util.Arrays;

/** The layer kinds the indicators read (DESIGN.md §2), by their API names. */
public enum LayerKind {
    ECOLOGICAL_RED_LINE("ecological_red_line"),
    PERMANENT_FARMLAND("permanent_farmland"),
    TOWN_DEVELOPMENT_BOUNDARY("town_development_boundary"),
    BUILT_UP_AREA("built_up_area"),
    ADMIN_AREA("admin_area"),
    RESIDENTIAL("residential"),
    PARK("park"),
    /** Green space other than parks (protective green, attached green) that counts for the green space ratio. */
    GREEN_SPACE("green_space"),
    GREENWAY("greenway"),
    SPONGE_ZONE("sponge_zone"),
    FACILITY("facility"),
    CONSTRUCTION_LAND("construction_land");

    private final String apiName;

    LayerKind(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static LayerKind fromApiName(String name) {
        return Arrays.stream(values()).filter(k -> k.apiName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown layer kind '" + name + "'"));
    }
}
