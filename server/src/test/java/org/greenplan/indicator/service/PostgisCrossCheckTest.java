package org.greenplan.indicator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * Independent cross-check: each indicator from the API (engine on JTS) against the same figure written as
 * straightforward PostGIS SQL (ST_Transform into the GK zone of the data's centre, ST_Buffer, ST_Union,
 * ST_Intersection, ST_Area), on the demo town and on every real OSM extract in the shared data folder.
 * They must agree within 0.1 percentage points.
 */
class PostgisCrossCheckTest extends ServerTestSupport {

    static final double TOLERANCE_PP = 0.1;

    /** The GK zone rule of the engine (3° zone of the data's centre: central meridian 3·round(lon/3)) as SQL. */
    private static final String ZONE = """
            SELECT round((ST_XMin(e) + ST_XMax(e)) / 2 / 3)::int
              FROM (SELECT ST_Extent(geom) AS e FROM feature WHERE version_id = ANY (?)) x""";

    /** 广场用地 in a park layer: class 广场…, G3, square or place=square (ParkServiceCoverage's reading). */
    private static final String IS_SQUARE = "coalesce(btrim(properties->>'class') LIKE '%广场%' "
            + "OR btrim(properties->>'class') ~* '^(G3|square|place=square)$', false)";

    /** 城市体检 2021 (ruleSet=mohurd2021): parks measured whole, ≥ 5000 m² → 500 m, 2000–5000 m² → 300 m, no squares. */
    private static final String PARK_COVERAGE = """
            WITH pieces AS (
                SELECT ST_MakeValid(ST_Transform(geom, :epsg)) AS g, nullif(btrim(properties->>'name'), '') AS name,
                       :square AS sq
                  FROM feature WHERE version_id = ANY (:parks)),
            clustered AS (
                SELECT g, name, sq, ST_ClusterDBSCAN(g, eps := 20, minpoints := 1) OVER (PARTITION BY name) AS cid FROM pieces),
            parks AS (
                SELECT g, sq, CASE WHEN name IS NULL THEN ST_Area(g) ELSE sum(ST_Area(g)) OVER (PARTITION BY name, cid) END AS a
                  FROM clustered),
            served AS (
                SELECT ST_Union(CASE WHEN a >= 5000 THEN ST_Buffer(g, 500, 'quad_segs=16')
                                     ELSE ST_Buffer(g, 300, 'quad_segs=16') END) AS g
                  FROM parks WHERE a >= 2000 AND NOT sq),
            """.replace(":square", IS_SQUARE) + """
            scope AS (
                SELECT ST_Union(ST_MakeValid(ST_Transform(geom, :epsg))) AS g FROM feature WHERE version_id = ANY (:builtup)),
            residential AS (
                SELECT CASE WHEN (SELECT g FROM scope) IS NULL THEN r.g ELSE ST_Intersection(r.g, (SELECT g FROM scope)) END AS g
                  FROM (SELECT ST_MakeValid(ST_Transform(geom, :epsg)) AS g FROM feature WHERE version_id = ANY (:res)) r)
            SELECT 100 * sum(ST_Area(ST_Intersection(r.g, coalesce(s.g, 'POLYGON EMPTY'::geometry)))) / nullif(sum(ST_Area(r.g)), 0)
              FROM residential r, served s""";

    /** GB/T 51346-2019 4.3.4 (ruleSet=gbt51346): every park and square, one 500 m radius, no size class. */
    private static final String PARK_COVERAGE_GBT51346 = """
            WITH served AS (
                SELECT ST_Union(ST_Buffer(ST_MakeValid(ST_Transform(geom, :epsg)), 500, 'quad_segs=16')) AS g
                  FROM feature WHERE version_id = ANY (:parks) AND ST_Area(geom) > 0),
            """ + PARK_COVERAGE.substring(PARK_COVERAGE.indexOf("scope AS ("));

    private static final String SPONGE_SHARE = """
            WITH b AS (SELECT ST_Union(ST_MakeValid(ST_Transform(geom, :epsg))) AS g FROM feature WHERE version_id = ANY (:builtup)),
                 z AS (SELECT ST_Union(ST_MakeValid(ST_Transform(geom, :epsg))) AS g FROM feature WHERE version_id = ANY (:zones))
            SELECT 100 * ST_Area(ST_Intersection(b.g, z.g)) / ST_Area(b.g) FROM b, z""";

    private static final String GREEN_SPACE_RATIO = """
            WITH b AS (SELECT ST_Union(ST_MakeValid(ST_Transform(geom, :epsg))) AS g FROM feature WHERE version_id = ANY (:builtup)),
                 p AS (SELECT ST_Union(ST_MakeValid(ST_Transform(geom, :epsg))) AS g FROM feature WHERE version_id = ANY (:parks))
            SELECT 100 * ST_Area(ST_Intersection(b.g, p.g)) / ST_Area(b.g) FROM b, p""";

    private static final String CONTROL_LINE_CONFLICTS = """
            WITH rf AS (SELECT ST_Union(ST_MakeValid(ST_Transform(geom, :epsg))) AS g FROM feature WHERE version_id = ANY (:lines)),
                 bd AS (SELECT ST_Union(ST_MakeValid(ST_Transform(geom, :epsg))) AS g FROM feature WHERE version_id = ANY (:boundary)),
                 c AS (SELECT ST_MakeValid(ST_Transform(geom, :epsg)) AS g FROM feature WHERE version_id = ANY (:construction))
            SELECT 100 * sum(ST_Area(ST_Union(ST_Intersection(c.g, rf.g), ST_Difference(c.g, bd.g)))) / sum(ST_Area(c.g))
              FROM c, rf, bd""";

    /** Greenways dissolved, clipped to the dissolved admin areas, in km. */
    private static final String GREENWAY_LENGTH = """
            WITH a AS (SELECT ST_Union(ST_MakeValid(ST_Transform(geom, :epsg))) AS g FROM feature WHERE version_id = ANY (:admin)),
                 w AS (SELECT ST_Union(ST_Transform(geom, :epsg)) AS g FROM feature WHERE version_id = ANY (:greenways))
            SELECT ST_Length(ST_Intersection(w.g, a.g)) / 1000 FROM a, w""";

    /** Forest dissolved inside the dissolved admin areas ÷ their area × 100. */
    private static final String FOREST_COVERAGE = """
            WITH a AS (SELECT ST_Union(ST_MakeValid(ST_Transform(geom, :epsg))) AS g FROM feature WHERE version_id = ANY (:admin)),
                 f AS (SELECT ST_Union(ST_MakeValid(ST_Transform(geom, :epsg))) AS g FROM feature WHERE version_id = ANY (:forest))
            SELECT 100 * ST_Area(ST_Intersection(f.g, a.g)) / ST_Area(a.g) FROM a, f""";

    /**
     * Communities (12-digit code ending 001–:last) with a facility of the categories inside (ST_Covers in lon/lat)
     * ÷ communities × 100.
     */
    private static final String COMMUNITIES_SERVED = """
            WITH c AS (SELECT geom FROM feature WHERE version_id = ANY (:admin)
                         AND properties->>'code' ~ '^[0-9]{12}$' AND substr(properties->>'code', 10)::int BETWEEN 1 AND :last)
            SELECT 100.0 * count(*) FILTER (WHERE EXISTS (SELECT 1 FROM feature f WHERE f.version_id = ANY (:facilities)
                         AND f.properties->>'category' = ANY (:categories) AND ST_Covers(c.geom, f.geom))) / count(*)
              FROM c""";

    private static final String COMMUNITIES = """
            SELECT count(*) FROM feature WHERE version_id = ANY (:admin)
               AND properties->>'code' ~ '^[0-9]{12}$' AND substr(properties->>'code', 10)::int BETWEEN 1 AND :last""";

    /**
     * accessibility_2sfca in straight lines as PostGIS: sites with their supply (park piece area, or capacity else 1)
     * and catchment (park size class of the whole park, or the category's life-circle distance), every (site, parcel)
     * pair within it by ST_DWithin / ST_Distance, weight :decay ('step' 1, 'linear' 1 − d/r), R = supply ÷ Σ residents ×
     * weight, A = Σ R × weight, result Σ residents × A ÷ Σ residents (× :scale).
     */
    private static final String ACCESSIBILITY_2SFCA = """
            WITH res AS (
                SELECT id, ST_MakeValid(ST_Transform(geom, :epsg)) AS g,
                       greatest(coalesce((properties->>'population')::float8, 0), 0) AS p
                  FROM feature WHERE version_id = ANY (:res)),
            links AS (
                SELECT s.id AS sid, s.s, r.id AS rid, r.p,
                       CASE WHEN ':decay' = 'step' THEN 1.0 ELSE 1 - least(ST_Distance(s.g, r.g), s.r) / s.r END AS w
                  FROM (:sites) s JOIN res r ON ST_DWithin(s.g, r.g, s.r + 0.001)),
            ratio AS (SELECT sid, max(s) / nullif(sum(p * w), 0) AS rj FROM links GROUP BY sid),
            acc AS (SELECT r.id, r.p, coalesce(sum(coalesce(ratio.rj, 0) * l.w), 0) AS a
                      FROM res r LEFT JOIN links l ON l.rid = r.id LEFT JOIN ratio ON ratio.sid = l.sid GROUP BY r.id, r.p)
            SELECT :scale * CASE WHEN :q = 0 THEN sum(p * a) / sum(p) ELSE (
                       SELECT min(a) FROM (SELECT a, sum(p) OVER (ORDER BY a, id) AS cum FROM acc WHERE p > 0) x
                        WHERE cum >= :q * (SELECT sum(p) FROM acc) * (1 - 1e-12)) END
              FROM acc""";

    /** The parks of PARK_COVERAGE as 2SFCA sites: each piece supplies its area within its whole park's radius. */
    private static final String PARK_SITES = """
            WITH pieces AS (
                SELECT id, ST_MakeValid(ST_Transform(geom, :epsg)) AS g, nullif(btrim(properties->>'name'), '') AS name,
                       :square AS sq
                  FROM feature WHERE version_id = ANY (:parks)),
            clustered AS (
                SELECT id, g, name, sq, ST_ClusterDBSCAN(g, eps := 20, minpoints := 1) OVER (PARTITION BY name) AS cid
                  FROM pieces),
            parks AS (
                SELECT id, g, sq, CASE WHEN name IS NULL THEN ST_Area(g) ELSE sum(ST_Area(g)) OVER (PARTITION BY name, cid) END AS a
                  FROM clustered)
            SELECT id, g, ST_Area(g) AS s, CASE WHEN a >= 5000 THEN 500.0 ELSE 300.0 END AS r FROM parks
             WHERE a >= 2000 AND NOT sq""".replace(":square", IS_SQUARE);

    private static final String KINDERGARTEN_SITES = """
            SELECT id, ST_Transform(geom, :epsg) AS g, 300.0 AS r,
                   CASE WHEN (properties->>'capacity')::float8 > 0 THEN (properties->>'capacity')::float8 ELSE 1 END AS s
              FROM feature WHERE version_id = ANY (:facilities) AND properties->>'category' = 'kindergarten'""";

    /**
     * The 2SFCA indicator of the demo town in straight lines against PostGIS, for parks (step and linear decay) and
     * kindergartens (step): within 1e-6 relative (the engine's own Gauss-Krüger projection against PostGIS's: the
     * areas and distances agree to millimetres).
     */
    @Test
    void accessibility2sfcaOfTheDemoTownMatchesPostgisInStraightLines() {
        // the mean is the supply reached ÷ residents whatever the decay; the quantiles show the decay at work
        for (String decay : List.of("step", "linear")) {
            JsonNode api = api("accessibility_2sfca", "demo-residential,demo-park&mode=euclidean&decay=" + decay);
            String q = ACCESSIBILITY_2SFCA.replace(":sites", PARK_SITES).replace(":decay", decay).replace(":scale", "1");
            compare2sfca("parks, " + decay, api, q, "parks", "park");
        }
        JsonNode api = api("accessibility_2sfca", "demo-residential,demo-facility&mode=euclidean&category=kindergarten");
        String q = ACCESSIBILITY_2SFCA.replace(":sites", KINDERGARTEN_SITES).replace(":decay", "step").replace(":scale", "1000");
        compare2sfca("kindergartens", api, q, "facilities", "facility");
    }

    /** The value and the quartiles of the API against the query, within 1e-6 relative. */
    private void compare2sfca(String what, JsonNode api, String query, String sitesName, String sitesKind) {
        for (String id : List.of("value", "p25", "p50", "p75")) {
            double engine = id.equals("value") ? api.path("value").asDouble() : measureValue(api, id);
            double sql = sql(query.replace(":q", id.equals("value") ? "0" : "0." + id.substring(1)), api, sitesName,
                    sitesKind, "res", "residential");
            System.out.printf(java.util.Locale.ROOT, "[2sfca %s] %s: engine %.9f, PostGIS %.9f %s%n", what, id, engine,
                    sql, api.path("unit").asString());
            assertThat(engine).as(what + " " + id + ", engine vs PostGIS").isCloseTo(sql, within(1e-6 * Math.abs(sql) + 1e-12));
            if (id.equals("value")) {
                assertThat(sql).as(what).isGreaterThan(0);
            }
        }
    }

    private static double measureValue(JsonNode api, String id) {
        for (JsonNode m : api.path("measures")) {
            if (m.path("id").asString().equals(id)) {
                return m.path("value").asDouble();
            }
        }
        throw new AssertionError("no measure " + id + " in " + api.path("measures"));
    }

    @Test
    void parkServiceCoverageOfTheDemoTownMatchesPostgis() {
        JsonNode api = api("park_service_coverage",
                "demo-residential,demo-park,demo-admin-area,demo-built-up-area");
        double sql = sql(PARK_COVERAGE, api, "parks", "park", "res", "residential", "builtup", "built_up_area");
        assertThat(api.path("value").asDouble()).as("engine vs PostGIS, pp").isCloseTo(sql, within(TOLERANCE_PP));
        assertThat(sql).isBetween(1.0, 100.0);
    }

    @Test
    void parkServiceCoverageOfTheDemoTownWithASquareMatchesPostgisUnderBothRuleSets() {
        // a 60 m × 60 m square (广场, 3600 m²) in the middle of the largest residential parcel
        String square = jdbc.queryForObject("""
                SELECT ST_AsGeoJSON(ST_Transform(ST_Expand(ST_Transform(p, 4549), 30), 4326), 7) FROM (
                  SELECT ST_PointOnSurface(f.geom) AS p FROM feature f JOIN layer l ON l.current_version_id = f.version_id
                   WHERE l.id = 'demo-residential' ORDER BY ST_Area(f.geom) DESC LIMIT 1) x""", String.class);
        String id = "t-square";
        send("DELETE", "/api/v1/layers/" + id, ADMIN, null, null);
        Reply r = send("POST", "/api/v1/layers?name=" + id + "&kind=park&id=" + id, ADMIN, "application/geo+json",
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                        + "{\"name\":\"中心广场\",\"class\":\"广场\"},\"geometry\":" + square + "}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        try {
            String layers = "demo-residential,demo-park," + id + ",demo-admin-area,demo-built-up-area";
            JsonNode mohurd = api("park_service_coverage", layers);
            JsonNode gbt = api("park_service_coverage", layers + "&ruleSet=gbt51346");
            double mohurdSql = sql(PARK_COVERAGE, mohurd, "parks", "park", "res", "residential", "builtup", "built_up_area");
            double gbtSql = sql(PARK_COVERAGE_GBT51346, gbt, "parks", "park", "res", "residential", "builtup", "built_up_area");
            assertThat(mohurd.path("value").asDouble()).as("城市体检 2021, engine vs PostGIS, pp").isCloseTo(mohurdSql, within(TOLERANCE_PP));
            assertThat(gbt.path("value").asDouble()).as("GB/T 51346, engine vs PostGIS, pp").isCloseTo(gbtSql, within(TOLERANCE_PP));
            // the square changes nothing under the 城市体检 rule; all parks at 500 m plus the square lift GB/T 51346
            assertThat(mohurd.path("value").asDouble()).isCloseTo(
                    api("park_service_coverage", "demo-residential,demo-park,demo-admin-area,demo-built-up-area")
                            .path("value").asDouble(), within(1e-9));
            assertThat(gbtSql).isGreaterThan(mohurdSql);
        } finally {
            send("DELETE", "/api/v1/layers/" + id, ADMIN, null, null);
        }
    }

    @Test
    void spongeCityShareOfTheDemoTownMatchesPostgis() {
        JsonNode api = api("sponge_city_share", "demo-built-up-area,demo-sponge-zone,demo-admin-area");
        double sql = sql(SPONGE_SHARE, api, "builtup", "built_up_area", "zones", "sponge_zone");
        assertThat(api.path("value").asDouble()).isCloseTo(sql, within(TOLERANCE_PP));
        assertThat(sql).isBetween(1.0, 100.0);
    }

    @Test
    void greenSpaceRatioOfTheDemoTownMatchesPostgis() {
        JsonNode api = api("green_space_ratio", "demo-built-up-area,demo-park,demo-admin-area");
        double sql = sql(GREEN_SPACE_RATIO, api, "builtup", "built_up_area", "parks", "park");
        assertThat(api.path("value").asDouble()).isCloseTo(sql, within(TOLERANCE_PP));
        assertThat(sql).isBetween(0.1, 100.0);
    }

    @Test
    void controlLineConflictsOfTheDemoTownMatchPostgis() {
        JsonNode api = api("control_line_conflicts", "demo-construction-land,demo-ecological-red-line,"
                + "demo-permanent-farmland,demo-town-development-boundary,demo-admin-area");
        String sql = CONTROL_LINE_CONFLICTS.replace(":lines", ":red || :farm");
        double value = sql(sql, api, "red", "ecological_red_line", "farm", "permanent_farmland",
                "boundary", "town_development_boundary", "construction", "construction_land");
        assertThat(api.path("value").asDouble()).isCloseTo(value, within(TOLERANCE_PP));
        assertThat(value).isGreaterThan(0.0);
    }

    /** Total greenway length of the demo town, clipped to its admin areas: within 0.01 km (10 m) of PostGIS. */
    @Test
    void greenwayLengthOfTheDemoTownMatchesPostgis() {
        JsonNode api = api("greenway_length", "demo-greenway,demo-admin-area");
        double sql = sql(GREENWAY_LENGTH, api, "admin", "admin_area", "greenways", "greenway");
        assertThat(api.path("value").asDouble()).as("engine vs PostGIS, km").isCloseTo(sql, within(0.01));
        assertThat(sql).isGreaterThan(1.0);
        // the density divides the same km by the people
        JsonNode density = api("greenway_density", "demo-greenway,demo-admin-area,demo-residential");
        assertThat(density.path("numerator").asDouble()).isCloseTo(sql, within(0.01));
    }

    /**
     * The three community coverages of the demo town against PostGIS: a count of communities, so they must agree
     * exactly (tolerance 1e-9 pp; a facility within nanometres of a community edge could differ, none does).
     */
    @Test
    void communityCoveragesOfTheDemoTownMatchPostgis() {
        record Case(String id, String categories, int last) {
        }
        for (Case c : List.of(new Case("childcare_coverage", "kindergarten", 199),
                new Case("home_care_coverage", "day_care_center", 399),
                new Case("health_centre_coverage", "community_health_center", 399))) {
            JsonNode api = api(c.id(), "demo-admin-area,demo-facility");
            String q = COMMUNITIES_SERVED.replace(":last", Integer.toString(c.last()))
                    .replace(":categories", "ARRAY['" + c.categories() + "']");
            double sql = sql(q, api, "admin", "admin_area", "facilities", "facility");
            assertThat(api.path("value").asDouble()).as(c.id() + " engine vs PostGIS, pp").isCloseTo(sql, within(1e-9));
            int communities = jdbc.queryForObject(COMMUNITIES.replace(":last", Integer.toString(c.last()))
                    .replace(":admin", versions(api, "admin_area")), Integer.class);
            assertThat(api.path("denominator").asDouble()).as(c.id() + " communities").isEqualTo(communities);
            assertThat(communities).as("the demo town has communities at this level").isPositive();
        }
    }

    /**
     * Forest coverage on real OSM forest (landuse=forest, natural=wood of the Andorra extract) over the extract's
     * extent as the one admin area: within 0.1 pp of PostGIS. The demo town has no forest layer.
     */
    @Test
    void forestCoverageOfTheAndorraExtractMatchesPostgis() throws IOException {
        Path data = sharedData();
        Assumptions.assumeTrue(data != null && Files.isRegularFile(data.resolve("andorra/greenspace.geojson")),
                "no shared OSM data folder");
        JsonNode green = JSON.readTree(Files.readString(data.resolve("andorra/greenspace.geojson")));
        StringBuilder forest = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        int n = 0;
        for (JsonNode f : green.path("features")) {
            String kind = f.path("properties").path("kind").asString();
            if (kind.equals("landuse=forest") || kind.equals("natural=wood")) {
                forest.append(n++ == 0 ? "" : ",").append(f);
            }
        }
        forest.append("]}");
        assertThat(n).isEqualTo(53);
        JsonNode extent = JSON.readTree(Files.readString(data.resolve("andorra/extent.geojson"))).path("features").get(0);
        String admin = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                + "{\"name\":\"Andorra\",\"code\":\"AD\",\"population\":80000},\"geometry\":" + extent.path("geometry") + "}]}";
        try {
            upload("t-osm-andorra-forest", "forest", forest.toString());
            upload("t-osm-andorra-admin", "admin_area", admin);
            JsonNode api = api("forest_coverage", "t-osm-andorra-forest,t-osm-andorra-admin");
            double sql = sql(FOREST_COVERAGE, api, "admin", "admin_area", "forest", "forest");
            assertThat(api.path("value").asDouble()).as("engine vs PostGIS, pp").isCloseTo(sql, within(TOLERANCE_PP));
            assertThat(sql).isBetween(1.0, 100.0);
        } finally {
            send("DELETE", "/api/v1/layers/t-osm-andorra-forest", ADMIN, null, null);
            send("DELETE", "/api/v1/layers/t-osm-andorra-admin", ADMIN, null, null);
        }
    }

    @TestFactory
    Stream<DynamicTest> parkServiceCoverageOfEachOsmExtractMatchesPostgis() throws IOException {
        Path data = sharedData();
        Assumptions.assumeTrue(data != null, "no shared OSM data folder");
        List<Path> extracts = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(data)) {
            dirs.filter(d -> Files.isRegularFile(d.resolve("residential.geojson")) && Files.isRegularFile(d.resolve("parks.geojson")))
                    .sorted().forEach(extracts::add);
        }
        assertThat(extracts).isNotEmpty();
        return extracts.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            String name = dir.getFileName().toString().replace('_', '-');
            String res = "t-osm-" + name + "-res", parks = "t-osm-" + name + "-parks";
            try {
                upload(res, "residential", dir.resolve("residential.geojson"));
                upload(parks, "park", dir.resolve("parks.geojson"));
                JsonNode api = api("park_service_coverage", res + "," + parks);
                double sql = sql(PARK_COVERAGE, api, "parks", "park", "res", "residential", "builtup", "built_up_area");
                assertThat(api.path("value").asDouble()).as(dir.getFileName() + ": engine %.4f vs PostGIS %.4f (EPSG:%d)",
                        api.path("value").asDouble(), sql, api.path("measuredInEpsg").asInt()).isCloseTo(sql, within(TOLERANCE_PP));
                JsonNode gbt = api("park_service_coverage", res + "," + parks + "&ruleSet=gbt51346");
                double gbtSql = sql(PARK_COVERAGE_GBT51346, gbt, "parks", "park", "res", "residential", "builtup", "built_up_area");
                assertThat(gbt.path("value").asDouble()).as(dir.getFileName() + " GB/T 51346: engine %.4f vs PostGIS %.4f",
                        gbt.path("value").asDouble(), gbtSql).isCloseTo(gbtSql, within(TOLERANCE_PP));
            } finally {
                send("DELETE", "/api/v1/layers/" + res, ADMIN, null, null);
                send("DELETE", "/api/v1/layers/" + parks, ADMIN, null, null);
            }
        }));
    }

    /** {@code greenplan.shared.data}, else ../shared/data, else /work/shared/data; null when none exists. */
    static Path sharedData() {
        String prop = System.getProperty("greenplan.shared.data");
        for (String candidate : new String[] {prop, "../shared/data", "/work/shared/data"}) {
            if (candidate != null && Files.isDirectory(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    private void upload(String id, String kind, Path file) throws IOException {
        upload(id, kind, Files.readString(file));
    }

    private void upload(String id, String kind, String geoJson) {
        send("DELETE", "/api/v1/layers/" + id, ADMIN, null, null);
        Reply r = send("POST", "/api/v1/layers?name=" + id + "&kind=" + kind + "&id=" + id, ADMIN,
                "application/geo+json", geoJson);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private JsonNode api(String indicator, String layers) {
        Reply r = get("/api/v1/indicators/" + indicator + "?layers=" + layers);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /**
     * Runs a reference query: {@code :epsg} becomes the zone of all layers the API used (the engine's
     * rule), each {@code :name} the version ids the API used for that kind (pairs name, kind).
     */
    private double sql(String query, JsonNode api, String... nameKind) {
        List<Long> all = new ArrayList<>();
        for (JsonNode u : api.path("layersUsed")) {
            all.add(versionId(u));
        }
        int zone = jdbc.queryForObject(ZONE, Integer.class, (Object) all.toArray(Long[]::new));
        // China's zones by EPSG code (4534 + n - 25), elsewhere the same transverse Mercator as a PROJ string
        String crs = zone >= 25 && zone <= 45 ? Integer.toString(4534 + zone - 25)
                : "'+proj=tmerc +lat_0=0 +lon_0=" + 3 * zone + " +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs'";
        assertThat(zone >= 25 && zone <= 45 ? 4534 + zone - 25 : 0).as("zone of the data")
                .isEqualTo(api.path("measuredInEpsg").asInt());
        String q = query.replace(":epsg", crs);
        for (int i = 0; i < nameKind.length; i += 2) {
            q = q.replace(":" + nameKind[i], versions(api, nameKind[i + 1]));
        }
        Double v = jdbc.queryForObject(q, Double.class);
        return v == null ? 0 : v;
    }

    /** The version ids the API used for that kind, as an SQL array. */
    private String versions(JsonNode api, String kind) {
        List<String> ids = new ArrayList<>();
        for (JsonNode u : api.path("layersUsed")) {
            if (u.path("kind").asString().equals(kind)) {
                ids.add(Long.toString(versionId(u)));
            }
        }
        return "ARRAY[" + String.join(",", ids) + "]::bigint[]";
    }

    private long versionId(JsonNode use) {
        return jdbc.queryForObject("SELECT id FROM layer_version WHERE layer_id = ? AND version = ?", Long.class,
                use.path("id").asString(), use.path("version").asInt());
    }
}
