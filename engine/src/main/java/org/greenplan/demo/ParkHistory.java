package org.greenplan.demo;

import java.util.Set;

/**
 * The demo town's parks as its 2020 survey recorded them (made up, like the town): before the 游园 and 口袋公园 —
 * the small parks of the 2021–2025 pocket-park programme — were laid out. The demo publishes this as version 1 of
 * the park layer and today's parks as version 2, so the dashboard's version comparison and the items' diff
 * ({@code ?version=2&diffFrom=1}) have a real before and after in the demo: the same ids, 14 parks added.
 */
final class ParkHistory {

    /** The earlier version's file, beside {@code park.geojson}. */
    static final String FILE = "park_2020.geojson";
    static final String NAME = "2020 现状 (2020 survey, before the pocket parks)";

    /** The classes of park the programme added. */
    private static final Set<String> BUILT_SINCE = Set.of("游园", "口袋公园");

    private ParkHistory() {
    }

    /** Whether a park of today's layer was there in 2020. */
    static boolean existedIn2020(DemoFeature park) {
        return !BUILT_SINCE.contains(String.valueOf(park.properties().get("class")));
    }
}
