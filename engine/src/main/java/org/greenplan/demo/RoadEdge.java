package org.greenplan.demo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;

/**
 * One road segment between two adjacent intersections. Mutable only while the tile is being planned
 * (a park patch turns the streets it swallows into footways).
 */
final class RoadEdge {

    final Coordinate[] coords;
    String roadClass;
    String name;
    final boolean bridge;
    final int layer;

    RoadEdge(Coordinate[] coords, String roadClass, String name, boolean bridge, int layer) {
        this.coords = coords;
        this.roadClass = roadClass;
        this.name = name;
        this.bridge = bridge;
        this.layer = layer;
    }

    LineString line() {
        return Geo.line(coords);
    }
}
