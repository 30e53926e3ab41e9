package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The contract at /api is generated from the code and complete: every request mapping of the application is
 * in it with its method, each indicator's own parameters are listed with their ranges, and client errors are
 * described as RFC 9457 problems.
 */
class ApiContractTest extends ServerTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyRequestMappingIsInTheContract() {
        JsonNode paths = get("/api").json().path("paths");
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            // the frameworks' own endpoints (Spring Boot's /error, Swagger UI's configuration, the YAML form of /api)
            // are not greenplan's API
            if (!e.getValue().getMethod().getDeclaringClass().getPackageName().startsWith("org.greenplan")) {
                continue;
            }
            for (String pattern : e.getKey().getPatternValues()) {
                String path = pattern.replace("{layerId}", "{collectionId}");
                String documented = pattern.startsWith("/collections/") || pattern.startsWith("/w/{ws}/collections/") ? path : pattern;
                for (RequestMethod method : e.getKey().getMethodsCondition().getMethods()) {
                    checked++;
                    if (!paths.path(documented).has(method.name().toLowerCase(Locale.ROOT))) {
                        missing.add(method + " " + pattern + " (" + e.getValue().getShortLogMessage() + ")");
                    }
                }
                if (e.getKey().getMethodsCondition().getMethods().isEmpty()) {
                    missing.add("any method " + pattern + ": a mapping should name its HTTP method");
                }
            }
        }
        assertThat(checked).isGreaterThan(25);
        assertThat(missing).as("request mappings missing from /api").isEmpty();
        assertThat(paths.has("/api/v1/isochrones")).isTrue();
        assertThat(paths.has("/api/v1/map/config")).isTrue();
        assertThat(paths.has("/api/v1/network/graphs")).isTrue();
        assertThat(paths.has("/api/v1/imports")).isTrue();
    }

    @Test
    void eachIndicatorsOwnParametersAreListedWithRangeAndDefault() {
        JsonNode op = get("/api").json().path("paths").path("/api/v1/indicators/{id}").path("get");
        JsonNode radius = param(op, "largeParkRadius");
        assertThat(radius.path("schema").path("type").asString()).isEqualTo("number");
        assertThat(radius.path("schema").path("minimum").asDouble()).isEqualTo(0);
        assertThat(radius.path("schema").path("maximum").asDouble()).isEqualTo(10_000);
        assertThat(radius.path("schema").path("default").asDouble()).isEqualTo(500);
        assertThat(radius.path("description").asString()).startsWith("park_service_coverage:");
        assertThat(radius.path("x-indicators").toString()).isEqualTo("[\"park_service_coverage\"]");
        assertThat(param(op, "level").path("schema").path("enum").toString()).contains("15min");
        assertThat(param(op, "layers").isMissingNode()).isFalse();
        assertThat(param(op, "query").isMissingNode()).as("the controller's whole-query map is not a parameter").isTrue();
        JsonNode gaps = get("/api").json().path("paths").path("/api/v1/indicators/{id}/gaps").path("get");
        assertThat(param(gaps, "largeParkRadius").isMissingNode()).isFalse();
    }

    @Test
    void clientErrorsAreProblemsAndTokensAreDeclared() {
        JsonNode api = get("/api").json();
        JsonNode problem = api.path("components").path("schemas").path("Problem").path("properties");
        assertThat(new TreeSet<>(problem.propertyNames())).contains("field", "reason", "status", "detail");
        JsonNode indicator = api.path("paths").path("/api/v1/indicators/{id}").path("get").path("responses");
        assertThat(indicator.path("400").path("content").has("application/problem+json")).isTrue();
        assertThat(indicator.path("404").path("content").has("application/problem+json")).isTrue();
        JsonNode upload = api.path("paths").path("/api/v1/imports").path("post");
        assertThat(upload.path("security").toString()).contains("bearer");
        assertThat(upload.path("responses").has("401")).isTrue();
        assertThat(upload.path("responses").has("403")).isTrue();
        assertThat(upload.path("requestBody").path("content").has("multipart/form-data")).isTrue();
    }

    @Test
    void theApiIsServedAsOpenApi30ForOgcClientsAndSwaggerUiAtApiDocs() {
        for (String accept : new String[] {"application/vnd.oai.openapi+json;version=3.0", "application/json", "*/*"}) {
            Reply r = get("/api", "Accept", accept);
            assertThat(r.status()).as(accept).isEqualTo(200);
            assertThat(r.contentType()).as(accept).startsWith("application/vnd.oai.openapi+json");
            assertThat(r.json().path("openapi").asString()).startsWith("3.0");
        }
        JsonNode landing = get("/", "Accept", "application/json").json();
        assertThat(landing.path("links").toString()).contains("service-doc", "/api/swagger-ui/index.html");
        Reply docs = get("/api/docs");
        assertThat(docs.status()).isEqualTo(302);
        assertThat(docs.headers().firstValue("Location").orElseThrow()).endsWith("/api/swagger-ui/index.html");
        Reply page = get("/api/swagger-ui/index.html", "Accept", "text/html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-initializer.js");
    }

    /** Responses whose form depends on Accept say so, so that a cache does not hand one form to the other client. */
    @Test
    void responsesThatDependOnAcceptVaryOnIt() {
        for (String path : new String[] {"/", "/?f=json", "/collections", "/api", "/conformance",
                "/api/v1/indicators/green_space_ratio?f=csv"}) {
            assertThat(vary(get(path, "Accept", "application/json"))).as(path).contains("accept");
        }
        assertThat(vary(get("/api/v1/indicators/green_space_ratio", "Accept", "text/csv"))).contains("accept");
        assertThat(vary(get("/", "Accept", "text/html"))).contains("accept");
    }

    /** The Vary field names, lower case (Tomcat merges and lower-cases them). */
    private static List<String> vary(Reply r) {
        return r.headers().allValues("Vary").stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(v -> v.trim().toLowerCase(Locale.ROOT)).toList();
    }

    private static JsonNode param(JsonNode operation, String name) {
        for (JsonNode p : operation.path("parameters")) {
            if (p.path("name").asString().equals(name)) {
                return p;
            }
        }
        return tools.jackson.databind.node.MissingNode.getInstance();
    }
}
