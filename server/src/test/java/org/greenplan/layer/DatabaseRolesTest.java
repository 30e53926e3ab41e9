package org.greenplan.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.greenplan.ingest.GdalRunner;
import org.greenplan.ingest.ImportTestSupport;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * Least privilege in PostgreSQL (issue 12): the server's runtime role cannot drop, truncate or alter what it does
 * not own, the role ogr2ogr loads uploads with can only create and fill tables in schema staging, and a hijacked
 * ogr2ogr changes nothing. Statements that must fail run in a transaction that is rolled back, so that on a
 * database where they do succeed the test fails without destroying the test database.
 */
class DatabaseRolesTest extends ImportTestSupport {

    private static final String PARKS = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"角色公园"},
             "geometry":{"type":"Polygon","coordinates":[[[120,30],[120.01,30],[120.01,30.01],[120,30.01],[120,30]]]}}]}""";

    @Autowired
    GdalRunner gdal;

    @Autowired
    Environment env;

    /** PostgreSQL's insufficient_privilege ("permission denied", "must be owner of …"). */
    private static final String DENIED = "42501";

    @Test
    void theRuntimeRoleCannotDropTruncateOrAlterWhatItDoesNotOwn() throws Exception {
        long version = jdbc.queryForObject("SELECT current_version_id FROM layer WHERE id = 'demo-park'", Long.class);
        try (Connection c = jdbc.getDataSource().getConnection()) {
            for (String sql : List.of("DROP TABLE layer CASCADE", "DROP TABLE layer_version CASCADE", "TRUNCATE feature",
                    "TRUNCATE layer CASCADE", "TRUNCATE import_job", "DROP SCHEMA staging CASCADE",
                    "DROP SCHEMA features CASCADE", "ALTER TABLE layer ADD COLUMN x integer",
                    "ALTER TABLE layer DISABLE TRIGGER ALL", "DROP FUNCTION reserve_feature_ids(bigint)",
                    "DROP TABLE features.v" + version, "TRUNCATE features.v" + version,
                    "ALTER TABLE feature DETACH PARTITION features.v" + version,
                    "SELECT setval('feature_id_seq', 1)", "CREATE TABLE public.roles_probe (a integer)")) {
                assertDenied(c, sql);
            }
        }
    }

    @Test
    void theRuntimeRoleImportsAndDeletesALayerWithItsVersionTable() {
        JsonNode job = importAndWait(write("parks.geojson", PARKS), "parks.geojson", "layer", "角色公园", "kind", "park",
                "id", "ti-roles");
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
        long version = jdbc.queryForObject("SELECT current_version_id FROM layer WHERE id = 'ti-roles'", Long.class);
        // the version's table belongs to the owner, not to the runtime role that built it
        assertThat(jdbc.queryForObject("SELECT tableowner FROM pg_tables WHERE schemaname = 'features' AND tablename = ?",
                String.class, "v" + version)).isEqualTo(env.getRequiredProperty("spring.flyway.user"));
        assertThat(items("ti-roles")).hasSize(1);
        assertThat(send("DELETE", "/api/v1/layers/ti-roles", ADMIN, null, null).status()).isEqualTo(204);
        assertThat(jdbc.queryForObject("SELECT to_regclass(?) IS NULL", Boolean.class, "features.v" + version)).isTrue();
    }

    /**
     * The owner takes over the table the runtime role built for a version (attach_feature_version) only when
     * nothing is attached to it that could later run the runtime role's code as the owner.
     */
    @Test
    void theOwnerTakesOverOnlyABareTableOfAVersion() throws Exception {
        for (String trojan : List.of("CREATE INDEX ON %s ((id + 1))", "ALTER TABLE %s ALTER COLUMN source_id SET DEFAULT 'x'",
                "CREATE RULE r AS ON INSERT TO %s DO INSTEAD NOTHING", "GRANT ALL ON %s TO PUBLIC",
                "CREATE FUNCTION pg_temp.t() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';"
                        + " CREATE TRIGGER t BEFORE INSERT ON %s FOR EACH ROW EXECUTE FUNCTION pg_temp.t()")) {
            try (Connection c = jdbc.getDataSource().getConnection()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO layer (id, name, kind) VALUES ('ti-trojan', 'trojan', 'park')");
                    var rs = st.executeQuery("INSERT INTO layer_version (layer_id, version) VALUES ('ti-trojan', 1) RETURNING id");
                    rs.next();
                    long v = rs.getLong(1);
                    String table = "features.v" + v;
                    st.execute("CREATE TABLE " + table + " AS SELECT 1::bigint AS id, " + v + "::bigint AS version_id,"
                            + " 'a'::text AS source_id, '{}'::jsonb AS properties,"
                            + " ST_GeomFromText('POINT(120 30)', 4326)::geometry(Geometry, 4326) AS geom");
                    st.execute(trojan.formatted(table));
                    st.execute("SELECT attach_feature_version(" + v + ")");
                    fail("taken over despite: " + trojan);
                } catch (SQLException e) {
                    assertThat(e.getMessage()).as(trojan).contains("not a bare table");
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        }
    }

    @Test
    void theImportRoleCanOnlyCreateAndFillTablesInStaging() throws Exception {
        try (Connection c = importConnection()) {
            for (String table : List.of("layer", "layer_version", "feature", "import_job", "feature_overview")) {
                assertDenied(c, "SELECT count(*) FROM " + table);
                assertDenied(c, "DELETE FROM " + table);
            }
            for (String sql : List.of("UPDATE layer SET name = name", "UPDATE layer_version SET version = version",
                    "UPDATE feature SET source_id = source_id", "UPDATE import_job SET state = state")) {
                assertDenied(c, sql);
            }
            for (String sql : List.of("CREATE TABLE public.roles_probe (a integer)",
                    "CREATE TABLE features.roles_probe (a integer)", "SELECT reserve_feature_ids(1)",
                    "SELECT attach_feature_version(1)", "SELECT index_feature_names(1)", "TRUNCATE feature",
                    "DROP SCHEMA staging CASCADE")) {
                assertDenied(c, sql);
            }
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE staging.roles_probe (a integer, geom geometry)");
                long copied = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY staging.roles_probe (a) FROM STDIN", new StringReader("1\n2\n"));
                assertThat(copied).isEqualTo(2);
                // what GDAL reads while it loads
                st.executeQuery("SELECT count(*) FROM spatial_ref_sys WHERE srid = 4326").close();
                st.executeQuery("SELECT count(*) FROM geometry_columns").close();
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void aHijackedImportChangesNothing() throws Exception {
        String before = layerChecksum();
        // the ogr2ogr of a file import as a hostile file could make it if the GDAL sandbox (GdalSandbox: no VRT
        // driver, only the upload's drivers) ever failed: SQL of its choosing on the database it loads into, with
        // the import login's password in its environment and every driver GDAL has
        String direct = unsandboxed(List.of("ogr2ogr", "-f", "GeoJSON", tmp.resolve("out.geojson").toString(),
                gdal.pgDatasource(), "-sql", "UPDATE layer SET name = 'hijacked'"));
        Path vrt = write("hijack.vrt", """
                <OGRVRTDataSource><OGRVRTLayer name="x">
                  <SrcDataSource>%s</SrcDataSource>
                  <SrcSQL>UPDATE layer SET updated_at = now() RETURNING id</SrcSQL>
                </OGRVRTLayer></OGRVRTDataSource>""".formatted(gdal.pgDatasource().replace("&", "&amp;")
                .replace("<", "&lt;")));
        String viaVrt = unsandboxed(List.of("ogr2ogr", "-f", "PostgreSQL", gdal.pgDatasource(), vrt.toString(),
                "-nln", "staging.roles_hijack", "-overwrite"));
        jdbc.execute("DROP TABLE IF EXISTS staging.roles_hijack");
        assertThat(layerChecksum()).as(direct + "\n" + viaVrt).isEqualTo(before);
        assertThat(direct).contains("permission denied");
        assertThat(viaVrt).contains("permission denied");
    }

    /** Runs a GDAL command outside the sandbox, with only the import login's password added to the environment. */
    private String unsandboxed(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("GREENPLAN"));
        pb.environment().put("PGPASSWORD", env.getProperty("greenplan.db.import.password",
                env.getRequiredProperty("spring.datasource.password")));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private String layerChecksum() {
        return jdbc.queryForObject("""
                SELECT md5(coalesce(string_agg(l::text, '|' ORDER BY l.id), '')) || '/'
                       || (SELECT count(*) FROM layer_version) FROM layer l""", String.class);
    }

    private Connection importConnection() throws SQLException {
        String user = env.getProperty("greenplan.db.import.user", env.getRequiredProperty("spring.datasource.username"));
        String password = env.getProperty("greenplan.db.import.password",
                env.getRequiredProperty("spring.datasource.password"));
        return DriverManager.getConnection(env.getRequiredProperty("spring.datasource.url"), user, password);
    }

    /** Runs {@code sql} in a transaction it rolls back; it must fail for want of privileges. */
    private static void assertDenied(Connection c, String sql) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute(sql);
            fail("allowed: " + sql);
        } catch (SQLException e) {
            assertThat(e.getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo(DENIED);
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }
}
