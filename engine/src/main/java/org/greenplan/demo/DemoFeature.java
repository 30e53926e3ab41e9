package org.greenplan.demo;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/** A generated feature in GK metres; properties keep insertion order so the output is byte-stable. */
record DemoFeature(String id, Geometry metres, Map<String, Object> properties) {
}
