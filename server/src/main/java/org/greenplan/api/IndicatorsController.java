package org.greenplan.api;

import java.util.concurrent.Callable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.greenplan.indicator.IndicatorDefinition;
import org.greenplan.indicator.service.IndicatorRequestException;
import org.greenplan.indicator.service.IndicatorRun;
import org.greenplan.indicator.service.IndicatorService;
import org.greenplan.indicator.service.MissingLayerException;
import org.greenplan.indicator.TargetSets;
import org.greenplan.indicator.TargetSets.Evaluation;
import org.greenplan.indicator.TargetSets.TargetSet;
import org.greenplan.indicator.TargetSets.TargetYear;
import org.greenplan.indicator.service.VersionPins;
import org.greenplan.indicator.service.ScenarioInputs;
import org.greenplan.scenario.ScenarioService;
import org.greenplan.limits.RequestLimits;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.greenplan.api.IndicatorCatalogueResponse.IndicatorSummary;
import tools.jackson.databind.ObjectMapper;

/**
 * The indicators: the catalogue, one indicator's value for an area (JSON, or CSV with {@code Accept:
 * text/csv} / {@code f=csv}) judged against a target set, its gap geometry as GeoJSON, and the target sets.
 * Every query parameter that is not one of {@code area, bbox, layers, versions, targets, year, f} is an
 * indicator parameter; {@code versions=layerId:version,…} reads older versions of layers (before/after a
 * plan). Results carry an ETag; {@code If-None-Match} gets 304. {@code /indicators.csv} is the whole table. Each
 * workspace has its own ({@code /api/v1/workspaces/{ws}/indicators…}, reading only its layers); the unscoped
 * paths serve the default workspace.
 */
@RestController
@RequestMapping({"/api/v1/workspaces/{ws}", "/api/v1"})
public class IndicatorsController {

    static final Set<String> RESERVED = Set.of("area", "bbox", "layers", "versions", "targets", "year", "f", "scenario",
            "compare");

    private final IndicatorService service;
    private final TargetSets targets;
    private final ObjectMapper json;
    private final RequestLimits limits;
    private final ScenarioService scenarios;

    public IndicatorsController(IndicatorService service, TargetSets targets, ObjectMapper json, RequestLimits limits,
            ScenarioService scenarios) {
        this.service = service;
        this.scenarios = scenarios;
        this.targets = targets;
        this.json = json;
        this.limits = limits;
    }

    @GetMapping(value = "/indicators", produces = "application/json")
    public IndicatorCatalogueResponse catalogue(WorkspaceScope scope) {
        String base = scope.api();
        return new IndicatorCatalogueResponse(service.catalogue().stream().map(d -> IndicatorSummary.of(d, List.of(
                Links.link(base + "/indicators/" + d.id(), "item", Links.JSON, "The value"),
                Links.link(base + "/indicators/" + d.id() + "/gaps", "gaps", Links.GEOJSON, "What is not covered"))))
                .toList(), targets.ids());
    }

    @GetMapping(value = "/targets", produces = "application/json")
    public Object targetSets(WorkspaceScope scope) {
        // the target sets are the server's; the scope only answers 404 for an unknown workspace, as its every path does
        return targets.document();
    }

    @GetMapping("/indicators/{id}")
    public Callable<ResponseEntity<?>> indicator(WorkspaceScope scope, @PathVariable String id,
            @RequestParam MultiValueMap<String, String> query,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        // computed off the request thread, so a client hanging up stops the computation (CancelOnDisconnect)
        return () -> indicatorNow(scope, id, query, accept, ifNoneMatch);
    }

    private ResponseEntity<?> indicatorNow(WorkspaceScope scope, String id, MultiValueMap<String, String> query,
            String accept, String ifNoneMatch) {
        boolean csv = IndicatorQuery.wantsCsv(query.getFirst("f"), accept);
        Optional<TargetSet> set = targetSet(query.getFirst("targets"));
        Integer year = IndicatorQuery.year(query.getFirst("year"));
        // checked before computing: a year outside the set's years is a 400 naming 'year'
        Optional<TargetYear> targetYear = set.flatMap(s -> targets.targetYear(s, year));
        IndicatorRun run = run(scope, id, query);
        if (compare(query)) {
            return comparison(scope, id, query, run, set, year, targetYear, csv);
        }
        String etag = ConditionalRequests.etag(run.cacheKey(), set.map(TargetSet::id).orElse(null),
                targetYear.map(TargetYear::year).orElse(null),
                csv ? "csv" : "json");
        if (ConditionalRequests.notModified(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        Optional<Evaluation> total = set.flatMap(s -> targets.targetFor(s, id, year))
                .map(t -> TargetSets.evaluate(t, run.result().value()));
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().eTag(etag).cacheControl(CacheControl.noCache());
        if (csv) {
            return ok.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + id + ".csv\"")
                    .contentType(IndicatorCsv.CSV).body(IndicatorCsv.oneIndicator(run, total));
        }
        String self = scope.api() + "/indicators/" + id;
        return ok.contentType(MediaType.APPLICATION_JSON).body(IndicatorValueResponse.of(run, set, targetYear, total, List.of(
                Links.link(self + "/gaps", "gaps", Links.GEOJSON, "Gap geometry (same query parameters)"),
                Links.link(self + "?f=csv", "alternate", "text/csv", "This table as CSV"))));
    }

    @GetMapping("/indicators/{id}/gaps")
    public Callable<ResponseEntity<String>> gaps(WorkspaceScope scope, @PathVariable String id,
            @RequestParam MultiValueMap<String, String> query,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return () -> gapsNow(scope, id, query, ifNoneMatch);
    }

    private ResponseEntity<String> gapsNow(WorkspaceScope scope, String id, MultiValueMap<String, String> query,
            String ifNoneMatch) {
        IndicatorRun run = run(scope, id, query);
        if (compare(query)) {
            IndicatorRun base = baseline(scope, id, query);
            String gapText = Objects.requireNonNullElse(run.definition().gapDescription(), "not covered");
            return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                    .contentType(MediaType.parseMediaType(Links.GEOJSON)).body(ScenarioComparison.gaps(json,
                            IndicatorGaps.geoJson(json, run, gapText), IndicatorGaps.geoJson(json, base, gapText)));
        }
        String etag = ConditionalRequests.etag(run.cacheKey(), null, null, "gaps");
        if (ConditionalRequests.notModified(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(CacheControl.noCache())
                .contentType(MediaType.parseMediaType(Links.GEOJSON)).body(IndicatorGaps.geoJson(json, run,
                        Objects.requireNonNullElse(run.definition().gapDescription(), "not covered")));
    }

    private IndicatorRun run(WorkspaceScope scope, String id, MultiValueMap<String, String> query) {
        checkLists(query);
        Map<String, String> params = new LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (!RESERVED.contains(k) && !v.isEmpty()) {
                params.put(k, v.get(0));
            }
        });
        return service.compute(scope.workspace(), id, query.getFirst("area"), query.getFirst("bbox"), query.getFirst("layers"),
                VersionPins.parse(query.getFirst("versions")), params, scenario(scope, query));
    }

    /** {@code scenario=<id>}: the scenario's inputs (its pinned versions and edits), else null for the baseline. */
    private ScenarioInputs scenario(WorkspaceScope scope, MultiValueMap<String, String> query) {
        String sc = query.getFirst("scenario");
        if (sc == null || sc.isBlank()) {
            return null;
        }
        return scenarios.inputs(scope.id(), ScenarioService.id(scope.id(), sc));
    }

    /** {@code compare=baseline} (with {@code scenario=}): the scenario and the baseline side by side. */
    private static boolean compare(MultiValueMap<String, String> query) {
        String c = query.getFirst("compare");
        if (c == null || c.isBlank()) {
            return false;
        }
        if (!c.trim().equals("baseline")) {
            throw new IndicatorRequestException("compare", "compare takes 'baseline', not '" + c + "'");
        }
        if (query.getFirst("scenario") == null || query.getFirst("scenario").isBlank()) {
            throw new IndicatorRequestException("compare", "compare=baseline needs scenario=<id>");
        }
        return true;
    }

    private IndicatorRun baseline(WorkspaceScope scope, String id, MultiValueMap<String, String> query) {
        MultiValueMap<String, String> plain = new org.springframework.util.LinkedMultiValueMap<>(query);
        plain.remove("scenario");
        plain.remove("compare");
        return run(scope, id, plain);
    }

    private ResponseEntity<?> comparison(WorkspaceScope scope, String id, MultiValueMap<String, String> query,
            IndicatorRun run, Optional<TargetSet> set, Integer year, Optional<TargetYear> targetYear, boolean csv) {
        IndicatorRun base = baseline(scope, id, query);
        Optional<Evaluation> total = set.flatMap(s -> targets.targetFor(s, id, year))
                .map(t -> TargetSets.evaluate(t, run.result().value()));
        Optional<Evaluation> baseTotal = set.flatMap(s -> targets.targetFor(s, id, year))
                .map(t -> TargetSets.evaluate(t, base.result().value()));
        if (csv) {
            return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + id + "-scenario.csv\"")
                    .contentType(IndicatorCsv.CSV).body(ScenarioComparison.csv(IndicatorCsv.oneIndicator(run, total),
                            IndicatorCsv.oneIndicator(base, baseTotal)));
        }
        String self = scope.api() + "/indicators/" + id;
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.APPLICATION_JSON)
                .body(ScenarioComparison.of(query.getFirst("scenario").trim(),
                        IndicatorValueResponse.of(run, set, targetYear, total, List.of()),
                        IndicatorValueResponse.of(base, set, targetYear, baseTotal, List.of()), List.of(
                                Links.link(self + "/gaps?scenario=" + query.getFirst("scenario").trim()
                                        + "&compare=baseline", "gaps", Links.GEOJSON, "Both gap maps"))));
    }

    /**
     * Every indicator for one area as one CSV table (the dashboard's export): one row per indicator with its
     * value, the target of the chosen set and year, the status and the layer versions read. Indicators whose
     * required layers are missing get a row with status {@code missing_layers} and no value. Indicator
     * parameters are not taken here (each indicator uses its defaults).
     */
    @GetMapping("/indicators.csv")
    public ResponseEntity<byte[]> table(WorkspaceScope scope, @RequestParam MultiValueMap<String, String> query) {
        checkLists(query);
        Optional<TargetSet> set = targetSet(query.getFirst("targets"));
        Integer year = IndicatorQuery.year(query.getFirst("year"));
        set.ifPresent(s -> targets.targetYear(s, year)); // a year outside the set's years is a 400 naming 'year'
        VersionPins versions = VersionPins.parse(query.getFirst("versions"));
        String setId = set.map(TargetSet::id).orElse("");
        ScenarioInputs scenario = scenario(scope, query);
        byte[] bytes = table(scope, query, set, year, versions, setId, scenario);
        if (compare(query)) {
            bytes = ScenarioComparison.csv(bytes, table(scope, query, set, year, versions, setId, null));
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"greenplan-indicators.csv\"")
                .contentType(IndicatorCsv.CSV).body(bytes);
    }

    private byte[] table(WorkspaceScope scope, MultiValueMap<String, String> query, Optional<TargetSet> set,
            Integer year, VersionPins versions, String setId, ScenarioInputs scenario) {
        IndicatorCsv table = IndicatorCsv.table();
        for (IndicatorDefinition d : service.catalogue()) {
            IndicatorRun run;
            try {
                run = service.compute(scope.workspace(), d.id(), query.getFirst("area"), query.getFirst("bbox"), query.getFirst("layers"),
                        versions, Map.of(), scenario);
            } catch (MissingLayerException e) {
                table.missingRow(d, setId);
                continue;
            }
            Optional<Evaluation> e = set.flatMap(s -> targets.targetFor(s, d.id(), year))
                    .map(t -> TargetSets.evaluate(t, run.result().value()));
            table.indicatorRow(run, setId, e, !run.result().hasValue() ? "no_data"
                    : e.map(Evaluation::status).orElse(set.isPresent() ? "no_target" : ""));
        }
        return table.bytes();
    }

    /** layers= and versions= are lists; each entry costs a lookup, so they are capped (400 naming them). */
    private void checkLists(MultiValueMap<String, String> query) {
        for (String field : List.of("layers", "versions")) {
            String value = query.getFirst(field);
            if (value != null) {
                limits.checkListLength(field, value.split(",").length);
            }
        }
    }

    private Optional<TargetSet> targetSet(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(targets.find(id.trim()).orElseThrow(() -> new IndicatorRequestException("targets",
                "unknown target set '" + id + "'; known: " + targets.ids())));
    }
}
