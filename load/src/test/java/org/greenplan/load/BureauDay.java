package org.greenplan.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.RawFileBodyPart;
import static io.gatling.javaapi.http.HttpDsl.StringBodyPart;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A working day of a bureau's server, compressed: {@code greenplan.users} people (50) for
 * {@code greenplan.seconds} (180) on the map and the dashboard — 80 % map tiles (vector and PNG, z 12–16),
 * item pages, indicators already computed (the dashboard's cards) and new ones (a drawn area, a network-mode life
 * circle of a district), isochrones — and an analyst importing a facility survey every
 * {@code greenplan.importEvery} seconds (30). Run by {@code ./bench.sh load}, which starts the server and reads
 * the report (LoadReport).
 *
 * <p>Every request must answer 200 (202 for an upload); the admission control's 503 + Retry-After is the one
 * designed refusal, and it stays a KO here so the report counts it by its message.
 */
public class BureauDay extends Simulation {

    static final String BASE = System.getProperty("greenplan.url", "http://localhost:8080");
    static final String WS = System.getProperty("greenplan.workspace", "demo");
    static final String TOKEN = System.getProperty("greenplan.token", "");
    static final int USERS = Integer.getInteger("greenplan.users", 50);
    static final int SECONDS = Integer.getInteger("greenplan.seconds", 180);
    static final int IMPORT_EVERY = Integer.getInteger("greenplan.importEvery", 30);
    /** The layer the analyst's surveys go to; the others' requests name the layers there were before the run. */
    static final String SURVEY_LAYER = "load-test-survey";
    /** How long a card may take to compute before the run (the client hangs up, which cancels the computation). */
    static final Duration WARM_UP_LIMIT = Duration.ofSeconds(Integer.getInteger("greenplan.warmUpSeconds", 300));

    private final City city = City.read(BASE, WS);
    private final String api = "/api/v1/workspaces/" + WS;
    /**
     * The dashboard's cards: every indicator the workspace has the layers for, with its defaults, computed once
     * before the run (see before()).
     */
    private volatile List<String> cached = List.of();

    HttpProtocolBuilder protocol = http.baseUrl(BASE).acceptEncodingHeader("gzip").userAgentHeader("greenplan-load")
            .shareConnections();

    /** An endless feeder of random choices: tile, box, point, feature, indicator. */
    private Iterator<Map<String, Object>> choices() {
        return Stream.generate(() -> {
            Random r = ThreadLocalRandom.current();
            int[] t = city.tile(r, 12 + r.nextInt(5));
            double[] p = city.point(r);
            List<String> tileLayers = Stream.of("residential", "road", "park", "construction_land", "facility")
                    .map(city.layerByKind::get).filter(java.util.Objects::nonNull).toList();
            return Map.<String, Object>of(
                    "tile", t[0] + "/" + t[1] + "/" + t[2],
                    "tileLayer", tileLayers.get(r.nextInt(tileLayers.size())),
                    "view", city.box(r, 1500),
                    "district", city.box(r, 3000),
                    "lon", p[0], "lat", p[1],
                    "feature", city.residentialIds.get(r.nextInt(city.residentialIds.size())),
                    "card", cached.get(r.nextInt(cached.size())));
        }).iterator();
    }

    private HttpRequestActionBuilder tile(String format) {
        // 204: a vector tile with nothing in it (the map draws nothing); a PNG tile is always an image
        return http("tile " + format).get(api + "/tiles/#{tileLayer}/#{tile}." + format)
                .check(format.equals("mvt") ? status().in(200, 204) : status().is(200));
    }

    private final HttpRequestActionBuilder items = http("items (bbox page)").get("/w/" + WS + "/collections/"
            + city.layerByKind.get("residential") + "/items?f=json&limit=50&bbox=#{view}").check(status().is(200));
    private final HttpRequestActionBuilder item = http("item").get("/w/" + WS + "/collections/"
            + city.layerByKind.get("residential") + "/items/#{feature}?f=json").check(status().is(200));
    private final HttpRequestActionBuilder card = http("indicator cached").get(api + "/indicators/#{card}?layers=" + city.layers)
            .check(status().is(200));
    // the dashboard's cards name their layers (a new survey layer would otherwise be a new input: a recomputation
    // that is right, but not the cached answer this request type measures)
    // a new area each time, so nothing is cached: straight-line park coverage of a drawn area, and a district's
    // 15-minute life circle on foot (the graph is built before the run)
    private final HttpRequestActionBuilder drawnArea = http("indicator uncached (park, drawn area)")
            .get(api + "/indicators/park_service_coverage?mode=euclidean&bbox=#{view}&layers="
                    + city.layers).check(status().is(200));
    private static final List<String> SKIPPED = List.of(System.getProperty("greenplan.skipCards", "").split(","));
    /** The district's life circle on foot, or its park coverage on foot when the life circle is skipped. */
    private static final String DISTRICT = SKIPPED.contains("life_circle_coverage") ? "park_service_coverage"
            : "life_circle_coverage";
    private final HttpRequestActionBuilder district = http("indicator uncached (" + DISTRICT + ", network)")
            .get(api + "/indicators/" + DISTRICT + "?mode=network&bbox=#{district}&layers="
                    + city.layers).check(status().is(200));
    private final HttpRequestActionBuilder isochrone = http("isochrone").post(api + "/isochrones")
            .header("Content-Type", "application/json")
            .body(StringBody("{\"points\":[[#{lon},#{lat}]],\"minutes\":[5,10,15]}")).check(status().is(200));

    ScenarioBuilder people = scenario("map and dashboard").feed(choices()).exec(randomSwitch().on(
            percent(40.0).then(tile("mvt")),
            percent(40.0).then(tile("png")),
            percent(5.0).then(items),
            percent(3.0).then(item),
            percent(6.0).then(card),
            percent(1.5).then(drawnArea),
            percent(1.5).then(district),
            percent(3.0).then(isochrone)))
            // a person looks at what came back before the next pan or click
            .pause(Duration.ofMillis(200), Duration.ofMillis(1000));

    ScenarioBuilder analyst = scenario("analyst import").exec(session -> session.set("file", surveyFile()))
            .exec(http("import upload").post(api + "/imports")
                    .header("Authorization", "Bearer " + TOKEN)
                    .bodyParts(RawFileBodyPart("file", "#{file}").fileName("survey.geojson").contentType("application/geo+json"),
                            StringBodyPart("layer", SURVEY_LAYER), StringBodyPart("id", SURVEY_LAYER),
                            StringBodyPart("kind", "facility"))
                    .asMultipartForm()
                    .check(status().is(202), jsonPath("$.id").saveAs("job")))
            .doIf(session -> session.contains("job")).then(
                    asLongAs(session -> !session.contains("state") || !session.getString("state").matches("succeeded|failed"))
                            .on(pause(Duration.ofSeconds(1))
                                    .exec(http("import job").get(api + "/imports/#{job}")
                                            .header("Authorization", "Bearer " + TOKEN)
                                            .check(status().is(200), jsonPath("$.state").saveAs("state")))))
            .exec(http("import finished").get(api + "/imports/#{job}").header("Authorization", "Bearer " + TOKEN)
                    .check(status().is(200), jsonPath("$.state").is("succeeded")));

    /** A fresh survey file per upload (the import reads a file from disk as the analyst's browser sends one). */
    private String surveyFile() {
        try {
            Path f = Files.createTempFile("greenplan-load-", ".geojson");
            f.toFile().deleteOnExit();
            Files.writeString(f, city.facilities(ThreadLocalRandom.current(), 200), StandardCharsets.UTF_8);
            return f.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    {
        setUp(
                people.injectClosed(constantConcurrentUsers(USERS).during(SECONDS)),
                analyst.injectOpen(constantUsersPerSec(1.0 / IMPORT_EVERY).during(SECONDS)))
                .protocols(protocol);
    }

    /**
     * The dashboard's cards computed once (with the walking graph) before the clock starts: "cached indicators"
     * are those a colleague opened before, as on a working day.
     */
    @Override
    public void before() {
        var hc = java.net.http.HttpClient.newHttpClient();
        List<String> cards = new java.util.ArrayList<>();
        for (String id : city.indicators) {
            if (SKIPPED.contains(id)) {
                System.out.printf("warm-up: %s skipped (-Dgreenplan.skipCards)%n", id);
                continue;
            }
            long t = System.nanoTime();
            int status;
            try {
                status = City.status(hc, BASE + api + "/indicators/" + id + "?layers=" + city.layers, WARM_UP_LIMIT);
            } catch (IllegalStateException e) { // too slow to be a dashboard card on this city: said, and left out
                System.out.printf("warm-up: %s gave no answer within %s (%s): left out of the cards%n", id, WARM_UP_LIMIT,
                        e.getMessage());
                continue;
            }
            System.out.printf("warm-up: %s %d in %.1f s%n", id, status, (System.nanoTime() - t) / 1e9);
            if (status == 200) {
                cards.add(id);
            } else if (status != 422) { // 422: the workspace lacks the indicator's layer kind (no card for it)
                throw new IllegalStateException(id + " answered " + status + " before the run");
            }
        }
        cached = List.copyOf(cards);
    }
}
