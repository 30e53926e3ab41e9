package org.greenplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the server tests: the real application on a random port, against the real PostGIS test
 * database that test.sh recreates, spoken to over real HTTP. All server tests share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ServerTestSupport {

    public static final String ADMIN = "test-admin-token";
    public static final String ANALYST = "test-analyst-token";
    public static final String READER = "test-reader-token";

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    /** The runtime role's connections, as the server has them. */
    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    private org.springframework.core.env.Environment environment;

    /**
     * Connections as the owner of the schemas (the role the migrations run as), for what a test does that the
     * runtime role may not: dropping a schema, creating tables outside staging.
     */
    protected JdbcTemplate ownerJdbc() {
        return new JdbcTemplate(ownerDataSource(environment));
    }

    public static javax.sql.DataSource ownerDataSource(org.springframework.core.env.Environment env) {
        return new org.springframework.jdbc.datasource.DriverManagerDataSource(
                env.getRequiredProperty("spring.datasource.url"), env.getRequiredProperty("spring.flyway.user"),
                env.getRequiredProperty("spring.flyway.password"));
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** A response with its body parsed as JSON when it is JSON. */
    public record Reply(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    protected Reply get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    protected Reply send(String method, String path, String token, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    /** Makes workspace {@code id} afresh as the admin (deleting one of that id first), asserting it was created. */
    protected void freshWorkspace(String id, String name) {
        send("DELETE", "/api/v1/workspaces/" + id, ADMIN, null, null);
        Reply r = send("POST", "/api/v1/workspaces", ADMIN, "application/json",
                "{\"id\":\"" + id + "\",\"name\":\"" + name + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** Uploads a GeoJSON body as a new layer {@code layerId} of workspace {@code ws} as the admin, asserting 201. */
    protected void addLayer(String ws, String layerId, String name, String kind, String body) {
        Reply r = send("POST", "/api/v1/workspaces/" + ws + "/layers?name=" + name + "&kind=" + kind + "&id=" + layerId,
                ADMIN, "application/geo+json", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /**
     * Starts a siting job in workspace {@code ws} and polls it (up to 60 s) until it ends; the job's JSON once it
     * has {@code succeeded} (any other end fails the test with the job).
     */
    protected JsonNode finishedSitingJob(String ws, String token, String request) throws InterruptedException {
        Reply r = send("POST", "/api/v1/workspaces/" + ws + "/siting", token, "application/json", request);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.json().path("id").asString();
        for (int i = 0; i < 600; i++) {
            JsonNode j = get("/api/v1/workspaces/" + ws + "/siting/" + id, "Authorization", "Bearer " + token).json();
            String state = j.path("state").asString();
            if (!state.equals("queued") && !state.equals("running")) {
                assertThat(state).as(j.toString()).isEqualTo("succeeded");
                return j;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the siting job did not end in 60 s");
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
