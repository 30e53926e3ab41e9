-- Imports whose CRS is a known EPSG code are loaded by ogr2ogr as they are and reprojected to EPSG:4326 by
-- PostGIS in one statement (FileImport), which here is ten times faster than ogr2ogr -t_srs. A single
-- coordinate PROJ cannot transform (far outside the projection's domain) fails that statement; the import
-- then reprojects row by row with this function, whose NaN point the import's checks reject and list as
-- "coordinates are not finite or fall off the globe", as they do for what ogr2ogr -t_srs lets through.
CREATE FUNCTION staging.to_wgs84_or_nan(g geometry) RETURNS geometry
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
    RETURN ST_Transform(g, 4326);
EXCEPTION WHEN OTHERS THEN
    RETURN ST_SetSRID(ST_MakePoint('NaN'::float8, 'NaN'::float8), 4326);
END $$;
