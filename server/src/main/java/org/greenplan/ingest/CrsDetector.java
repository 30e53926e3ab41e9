package org.greenplan.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.greenplan.geo.ChinaCoordinates;

/**
 * Decides the CRS of an upload: the analyst's {@code crs} (an EPSG code, or gcj02/bd09), else the file's
 * own (.prj, GeoPackage, GDB, GeoJSON/KML = WGS84), else a guess from the coordinate ranges — degrees, or
 * CGCS2000 Gauss-Krüger eastings that carry the zone number (39 5xx xxx → zone 39). Plain GK eastings
 * (500 000 ± …) do not say which zone they are in: then the analyst is asked, never guessed for. A .prj
 * whose false easting disagrees with the coordinates (a zone prefix in the data but not in the .prj, or
 * the reverse, a frequent mistake) is corrected and reported.
 */
public final class CrsDetector {

    private static final Pattern EPSG = Pattern.compile("(?i)(?:epsg:)?(\\d{4,6})");
    private static final Pattern TOP_ID = Pattern.compile("ID\\[\"EPSG\",(\\d+)\\]\\]\\s*$");
    private static final Pattern NAME = Pattern.compile("^\\s*(?:PROJCRS|GEOGCRS|GEODCRS|PROJCS|GEOGCS|COMPOUNDCRS)\\[\"([^\"]*)\"");
    private static final Pattern FALSE_EASTING = Pattern.compile("(?i)\"False[ _]easting\",\\s*([-0-9.eE+]+)");

    private CrsDetector() {
    }

    /**
     * The decision: {@code sourceSrs} for ogr2ogr's -s_srs (null: the file's own), {@code web} when the
     * coordinates are GCJ-02/BD-09 (then the data are read as lon/lat and converted afterwards), and
     * {@code epsg}, the EPSG code the coordinates are in when it is known (given, corrected, guessed, or the
     * file's own CRS as identified by GDAL); 0 otherwise, e.g. for a custom .prj, and for web-map systems.
     */
    public record Decision(String sourceSrs, String label, String decidedBy, ChinaCoordinates.System web,
            String detail, List<ImportWarning> warnings, int epsg) {

        /** A decision whose EPSG code, if any, is the one {@code sourceSrs} names. */
        Decision(String sourceSrs, String label, String decidedBy, ChinaCoordinates.System web, String detail,
                List<ImportWarning> warnings) {
            this(sourceSrs, label, decidedBy, web, detail, warnings,
                    web == ChinaCoordinates.System.WGS84 && sourceSrs != null ? epsgOf(sourceSrs) : 0);
        }

        private static int epsgOf(String sourceSrs) {
            Matcher m = EPSG.matcher(sourceSrs);
            return m.matches() ? Integer.parseInt(m.group(1)) : 0;
        }
    }

    public static Decision decide(String userCrs, String fileWkt, double[] extent, String fileOrigin) {
        List<ImportWarning> warnings = new ArrayList<>();
        String fileLabel = fileWkt == null ? null : label(fileWkt);
        if (userCrs != null && !userCrs.isBlank()) {
            String u = userCrs.trim();
            if (u.matches("(?i)gcj-?02|bd-?09|bd09ll")) {
                ChinaCoordinates.System web = ChinaCoordinates.System.parse(u);
                return new Decision("EPSG:4326", web == ChinaCoordinates.System.GCJ02 ? "GCJ-02 (高德/腾讯 web map)"
                        : "BD-09 (百度 web map)", "user", web, "given by the analyst; converted to WGS84", warnings);
            }
            Matcher m = EPSG.matcher(u);
            if (!m.matches()) {
                throw new RejectedUploadException("crs", "crs must be an EPSG code (e.g. EPSG:4528), gcj02 or bd09, not '"
                        + userCrs + "'");
            }
            if (fileLabel != null) {
                warnings.add(ImportWarning.of("crs.userOverridesFile", "the file declares " + fileLabel + "; EPSG:" + m.group(1)
                        + " given by the analyst was used", "declared", fileLabel, "epsg", m.group(1)));
            }
            return new Decision("EPSG:" + m.group(1), "EPSG:" + m.group(1), "user", ChinaCoordinates.System.WGS84,
                    "given by the analyst", warnings);
        }
        if (fileWkt != null) {
            Decision corrected = checkZonePrefix(fileWkt, extent, fileOrigin, warnings);
            if (corrected != null) {
                return corrected;
            }
            return new Decision(null, fileLabel, fileOrigin, ChinaCoordinates.System.WGS84,
                    "read from the " + (fileOrigin.equals("prj") ? ".prj file" : "file"), warnings, epsg(fileWkt));
        }
        return guess(extent, warnings);
    }

    private static Decision checkZonePrefix(String wkt, double[] extent, String origin, List<ImportWarning> warnings) {
        Matcher fe = FALSE_EASTING.matcher(wkt);
        if (extent == null || !fe.find()) {
            return null;
        }
        double falseEasting = Double.parseDouble(fe.group(1));
        int dataZone = zoneOfPrefixedEastings(extent);
        if (falseEasting < 1e6 && dataZone > 0) {
            int epsg = 4513 + dataZone - 25;
            warnings.add(ImportWarning.of("crs.zoneNumberInEastings", "the " + (origin.equals("prj") ? ".prj" : "file")
                    + " declares a false easting of " + (long) falseEasting + " m but the eastings carry the zone number "
                    + dataZone + "; read as CGCS2000 3-degree GK zone " + dataZone + " (EPSG:" + epsg + ")",
                    "falseEasting", (long) falseEasting, "zone", dataZone, "epsg", epsg));
            return new Decision("EPSG:" + epsg, "CGCS2000 / 3-degree Gauss-Kruger zone " + dataZone + " (EPSG:" + epsg
                    + ")", origin + "+coordinates", ChinaCoordinates.System.WGS84,
                    "the .prj corrected by the coordinate ranges", warnings);
        }
        if (falseEasting >= 1e7 && extent[2] < 1e6 && extent[0] > 0) {
            int zone = (int) (falseEasting / 1e6);
            if (zone >= 25 && zone <= 45) {
                int epsg = 4534 + zone - 25;
                warnings.add(ImportWarning.of("crs.zoneNumberMissing", "the file declares a false easting of "
                        + (long) falseEasting + " m but the eastings have no zone number; read as CGCS2000 "
                        + "3-degree GK CM " + (3 * zone) + "E (EPSG:" + epsg + ")",
                        "falseEasting", (long) falseEasting, "meridian", 3 * zone, "epsg", epsg));
                return new Decision("EPSG:" + epsg, "CGCS2000 / 3-degree Gauss-Kruger CM " + (3 * zone) + "E (EPSG:"
                        + epsg + ")", origin + "+coordinates", ChinaCoordinates.System.WGS84,
                        "the .prj corrected by the coordinate ranges", warnings);
            }
        }
        return null;
    }

    private static Decision guess(double[] extent, List<ImportWarning> warnings) {
        if (extent == null) {
            throw new RejectedUploadException("crs", "the file declares no CRS and has no coordinates to guess "
                    + "from; give crs (an EPSG code, gcj02 or bd09)");
        }
        double minX = extent[0];
        double minY = extent[1];
        double maxX = extent[2];
        double maxY = extent[3];
        if (minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90) {
            warnings.add(ImportWarning.of("crs.guessedDegrees", "the CRS was guessed (coordinates look like degrees): "
                    + "read as CGCS2000/WGS84 longitude/latitude; if they come from a web map give crs=gcj02 or crs=bd09"));
            return new Decision("EPSG:4490", "CGCS2000 geographic (EPSG:4490, = WGS84 within centimetres)", "guessed",
                    ChinaCoordinates.System.WGS84, "coordinates lie within ±180/±90: degrees", warnings);
        }
        int zone = zoneOfPrefixedEastings(extent);
        if (zone > 0) {
            int epsg = 4513 + zone - 25;
            warnings.add(ImportWarning.of("crs.guessedZone", "the CRS was guessed from the coordinates: eastings carry "
                    + "the zone number " + zone + ", read as CGCS2000 3-degree GK zone " + zone + " (EPSG:" + epsg + ")",
                    "zone", zone, "epsg", epsg));
            return new Decision("EPSG:" + epsg, "CGCS2000 / 3-degree Gauss-Kruger zone " + zone + " (EPSG:" + epsg + ")",
                    "guessed", ChinaCoordinates.System.WGS84,
                    "eastings " + (long) minX + "…" + (long) maxX + " carry the zone number " + zone, warnings);
        }
        if (minX >= 0 && maxX <= 1_000_000 && minY >= 0 && maxY <= 6_500_000) {
            throw new RejectedUploadException("crs", "the file declares no CRS and its coordinates look like "
                    + "Gauss-Krüger metres without a zone number (eastings " + (long) minX + "…" + (long) maxX
                    + "), which fit every zone: give crs, e.g. EPSG:4549 for CGCS2000 3-degree GK CM 120E "
                    + "(EPSG:4534–4554 for CM 75E–135E)");
        }
        throw new RejectedUploadException("crs", "the file declares no CRS and its coordinates (" + minX + ", " + minY
                + ") – (" + maxX + ", " + maxY + ") match none greenplan can guess; give crs (an EPSG code)");
    }

    /** The zone when all eastings lie in one zone's prefixed range (25 000 000 … 45 999 999), else 0. */
    static int zoneOfPrefixedEastings(double[] extent) {
        int zone = (int) Math.floor(extent[0] / 1e6);
        int zoneMax = (int) Math.floor(extent[2] / 1e6);
        if (zone == zoneMax && zone >= 25 && zone <= 45 && extent[1] >= 0 && extent[3] <= 6_500_000) {
            return zone;
        }
        return 0;
    }

    /** "name (EPSG:n)" of a WKT, as far as it says. */
    public static String label(String wkt) {
        Matcher n = NAME.matcher(wkt);
        String name = n.find() ? n.group(1) : "a CRS without a name";
        int epsg = epsg(wkt);
        return epsg != 0 ? name + " (EPSG:" + epsg + ")" : name;
    }

    /** The EPSG code a WKT names for the whole CRS (its last, top-level ID), or 0. */
    static int epsg(String wkt) {
        Matcher id = TOP_ID.matcher(wkt.trim());
        return id.find() ? Integer.parseInt(id.group(1)) : 0;
    }
}
