package org.greenplan.limits;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which body limit an endpoint has ({@link RequestLimits#bodyBytes}); endpoints without it take JSON
 * bodies of at most {@code greenplan.limits.json-body}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BodyLimit {

    Kind value();

    enum Kind {
        /** A JSON request: {@code greenplan.limits.json-body} (1 MB). */
        JSON,
        /** A GeoJSON layer streamed into the database: {@code greenplan.import.max-geojson-bytes}. */
        GEOJSON,
        /** A multipart file upload: {@code greenplan.import.max-upload-size} plus a small margin. */
        UPLOAD
    }
}
