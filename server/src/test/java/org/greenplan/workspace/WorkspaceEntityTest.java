package org.greenplan.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The workspace entity against the real table (V24): Hibernate validated the mapping at start-up, and an extent
 * written through hibernate-spatial reads back in PostGIS as the same polygon in SRID 4326.
 */
class WorkspaceEntityTest extends ServerTestSupport {

    @Autowired
    WorkspaceRepository workspaces;

    @Test
    void theDemoWorkspaceExistsAfterMigration() {
        Workspace demo = workspaces.findById(Workspace.DEFAULT_ID).orElseThrow();
        assertThat(demo.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(demo.createdAt()).isNotNull();
    }

    @Test
    void anExtentRoundTripsThroughHibernateSpatialAsAPostgisPolygon() {
        GeometryFactory wgs84 = new GeometryFactory(new PrecisionModel(), 4326);
        Polygon box = wgs84.createPolygon(new Coordinate[] {new Coordinate(114.2, 22.6), new Coordinate(114.3, 22.6),
            new Coordinate(114.3, 22.7), new Coordinate(114.2, 22.7), new Coordinate(114.2, 22.6)});
        Workspace w = new Workspace("entity-probe", "实体探针", null, Visibility.PRIVATE);
        w.cover(box);
        workspaces.saveAndFlush(w);
        try {
            // read by PostGIS itself, not by Hibernate: the column holds what JTS meant
            assertThat(jdbc.queryForObject("SELECT ST_SRID(extent) FROM workspace WHERE id = 'entity-probe'",
                    Integer.class)).isEqualTo(4326);
            assertThat(jdbc.queryForObject("SELECT ST_Area(extent) FROM workspace WHERE id = 'entity-probe'",
                    Double.class)).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(jdbc.queryForObject("SELECT visibility FROM workspace WHERE id = 'entity-probe'",
                    String.class)).isEqualTo("private");
            Workspace back = workspaces.findById("entity-probe").orElseThrow();
            assertThat(back.extent().equalsExact(box, 1e-12)).isTrue();
            assertThat(back.extent().getSRID()).isEqualTo(4326);
        } finally {
            workspaces.deleteById("entity-probe");
        }
    }
}
