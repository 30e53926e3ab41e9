package org.greenplan.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenplan.network.TestNetworks.road;
import static org.greenplan.network.TestNetworks.xy;

import org.junit.jupiter.api.Test;

class WalkRulesTest {

    private final WalkRules rules = WalkRules.defaults();

    private boolean walkable(String... tags) {
        return rules.isWalkable(road(xy(0, 0, 1, 0), tags));
    }

    @Test
    void fastRoadsNeedFootPermissionOrSidewalk() {
        assertThat(walkable("highway", "motorway")).isFalse();
        assertThat(walkable("highway", "motorway", "foot", "yes")).isTrue();
        assertThat(walkable("highway", "trunk")).isFalse();
        assertThat(walkable("highway", "trunk", "sidewalk", "both")).isTrue();
        assertThat(walkable("highway", "trunk", "sidewalk", "no")).isFalse();
        assertThat(walkable("highway", "cycleway")).isFalse();
        assertThat(walkable("highway", "cycleway", "foot", "designated")).isTrue();
    }

    @Test
    void footAndAccessTags() {
        assertThat(walkable("highway", "residential", "foot", "no")).isFalse();
        assertThat(walkable("highway", "service", "access", "private")).isFalse();
        assertThat(walkable("highway", "service", "access", "private", "foot", "yes")).isTrue();
        assertThat(walkable("highway", "pedestrian", "area", "yes")).isFalse();
    }

    @Test
    void ownClassAttributeWorksLikeHighway() {
        assertThat(walkable("class", "footway")).isTrue();
        assertThat(walkable("class", "branch")).isTrue();
        assertThat(walkable("class", "motorway")).isFalse();
        assertThat(walkable()).isTrue(); // a road without tags: assume walkable
    }

    @Test
    void levels() {
        assertThat(rules.isGradeSeparated(road(xy(0, 0, 1, 0), "bridge", "yes"))).isTrue();
        assertThat(rules.isGradeSeparated(road(xy(0, 0, 1, 0), "bridge", "viaduct"))).isTrue();
        assertThat(rules.isGradeSeparated(road(xy(0, 0, 1, 0), "bridge", "no", "layer", "0"))).isFalse();
        assertThat(rules.isGradeSeparated(road(xy(0, 0, 1, 0), "layer", "-2"))).isTrue();
        assertThat(rules.isGradeSeparated(road(xy(0, 0, 1, 0)))).isFalse();
    }
}
