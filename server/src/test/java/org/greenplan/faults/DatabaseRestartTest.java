package org.greenplan.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: PostgreSQL restarted while the server runs. The test starts a throwaway cluster of its own (port
 * 55433, under target/, made by scripts/provision.sh like the project's), so the project cluster that other test
 * runs share is never touched, and a server process on it. While the database is down every request that needs
 * it is answered 503 with Retry-After, soon (the pool waits 5 s at most); once it is back every request is
 * answered again by the same server process, not restarted.
 */
class DatabaseRestartTest {

    private static final int PORT = 55433;
    private static final String DB = "gp_outage";
    private static final Path DATA = Path.of("target", "pg-outage", "pg").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String[] PATHS = {"/api/v1/workspaces", "/api/v1/layers", "/collections"};

    private static Map<String, String> env;

    /** Runs bash with scripts/provision.sh sourced for the throwaway cluster; returns its output. */
    private static String provision(String script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail; unset GREENPLAN_DB_URL; "
                + "source scripts/provision.sh; " + script).redirectErrorStream(true);
        pb.environment().put("GREENPLAN_PGDATA", DATA.toString());
        pb.environment().put("GREENPLAN_PG_PORT", Integer.toString(PORT));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static void pgCtl(String action) throws IOException, InterruptedException {
        provision("gp_as_pg \"$(gp_pg_bin)/pg_ctl\" -D \"$GREENPLAN_PGDATA\" -w -t 60 -m fast -l \""
                + DATA.getParent().resolve("postgresql.log") + "\" " + action + " >/dev/null");
    }

    @BeforeAll
    static void cluster() throws Exception {
        // small: a second cluster beside the project's on a shared machine (the settings are read at creation)
        String out = provision("""
                bin=$(gp_pg_bin)
                if [ ! -f "$GREENPLAN_PGDATA/PG_VERSION" ]; then
                  mkdir -p "$GREENPLAN_PGDATA"
                  if gp_is_root; then chown -R postgres:postgres "$(dirname "$GREENPLAN_PGDATA")"; fi
                  chmod 700 "$GREENPLAN_PGDATA"
                  gp_as_pg "$bin/initdb" -D "$GREENPLAN_PGDATA" -U "$(gp_pg_user)" -E UTF8 --locale=C.UTF-8 \\
                    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
                  printf "listen_addresses = '127.0.0.1'\\nport = %%s\\nunix_socket_directories = '/tmp'\\nshared_buffers = 32MB\\nfsync = off\\n" \\
                    "$GP_PORT" >> "$GREENPLAN_PGDATA/postgresql.conf"
                fi
                gp_provision_db %s fresh >&2
                env | grep '^GREENPLAN_DB_'
                """.formatted(DB));
        env = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("GREENPLAN_DB_")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        assertThat(env).containsKeys("GREENPLAN_DB_URL", "GREENPLAN_DB_USER", "GREENPLAN_DB_OWNER_USER");
        env.put("GREENPLAN_TEST_DB_URL", env.get("GREENPLAN_DB_URL"));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (java.nio.file.Files.exists(DATA.resolve("postmaster.pid"))) {
            pgCtl("stop");
        }
    }

    private static HttpResponse<String> get(ServerProcess server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestsDuringARestartFailFastWith503AndTheSameServerAnswersAfterwards() throws Exception {
        try (ServerProcess server = ServerProcess.start("database-restart", env,
                "--spring.datasource.url=" + env.get("GREENPLAN_DB_URL"))) {
            for (String path : PATHS) {
                assertThat(get(server, path).statusCode()).as(path).isEqualTo(200);
            }

            pgCtl("stop");
            for (String path : PATHS) {
                HttpResponse<String> r = get(server, path);
                assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(503);
                assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
                assertThat(r.headers().firstValue("Retry-After").orElseThrow()).matches("[1-9][0-9]*");
                assertThat(r.body()).contains("database");
            }
            assertThat(get(server, "/actuator/health").statusCode()).isEqualTo(503);

            pgCtl("start");
            // the pool replaces its dead connections as they are borrowed: within a few tries every path answers
            for (String path : List.of(PATHS)) {
                int status = 0;
                for (int i = 0; i < 20 && status != 200; i++) {
                    status = get(server, path).statusCode();
                    if (status != 200) {
                        ServerProcess.sleep(500);
                    }
                }
                assertThat(status).as(path + " after the restart").isEqualTo(200);
            }
            assertThat(get(server, "/actuator/health").statusCode()).isEqualTo(200);
        }
    }
}
