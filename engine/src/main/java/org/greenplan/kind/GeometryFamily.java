package org.greenplan.kind;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.Puntal;

/** The geometry a layer kind holds. Single and multi parts of the same family are both accepted. */
public enum GeometryFamily {
    POLYGON("MultiPolygon", 3),
    LINE("MultiLineString", 2),
    POINT("MultiPoint", 1),
    ANY(null, 0);

    private final String storedType;
    private final int collectionExtractType;

    GeometryFamily(String storedType, int collectionExtractType) {
        this.storedType = storedType;
        this.collectionExtractType = collectionExtractType;
    }

    public boolean accepts(Geometry g) {
        return switch (this) {
            case POLYGON -> g instanceof Polygonal;
            case LINE -> g instanceof Lineal;
            case POINT -> g instanceof Puntal;
            case ANY -> true;
        };
    }

    /** The type every feature of the family is stored as (multi-part promoted), or null for ANY. */
    public String storedType() {
        return storedType;
    }

    /** The ST_CollectionExtract type that keeps this family's part of a repaired geometry; 0 for ANY. */
    public int collectionExtractType() {
        return collectionExtractType;
    }

    public String label() {
        return name().toLowerCase();
    }
}
