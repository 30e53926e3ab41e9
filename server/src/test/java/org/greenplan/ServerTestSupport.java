package org.greenplan;

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
