package org.greenplan.api;

import static org.greenplan.CsvCells.number;
import static org.greenplan.CsvCells.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.greenplan.CsvCells;
import org.greenplan.geo.GeoJson;
import org.greenplan.indicator.AreaBreakdown;
import org.greenplan.indicator.Finding;
import org.greenplan.indicator.IndicatorDefinition;
import org.greenplan.indicator.IndicatorResult;
import org.greenplan.indicator.Measure;
import org.greenplan.indicator.ParameterSpec;
import org.greenplan.indicator.service.IndicatorRequestException;
import org.greenplan.indicator.service.IndicatorRun;
import org.greenplan.indicator.service.IndicatorService;
import org.greenplan.indicator.service.LayerUse;
import org.greenplan.indicator.service.TargetSets;
import org.greenplan.indicator.service.VersionPins;
import org.greenplan.indicator.service.TargetSets.Evaluation;
import org.greenplan.indicator.service.TargetSets.TargetSet;
import org.greenplan.layer.FeatureRepository;
import org.greenplan.limits.RequestLimits;
import org.locationtech.jts.geom.Geometry;
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
import tools.jackson.databind.ObjectMapper;

/**
 * The indicators: the catalogue, one indicator's value for an area (JSON, or CSV with {@code Accept:
 * text/csv} / {@code f=csv}) judged against a target set, its gap geometry as GeoJSON, and the target sets.
 * Every query parameter that is not one of {@code area, bbox, layers, versions, targets, year, f} is an
 * indicator parameter; {@code versions=layerId:version,…} reads older versions of layers (before/after a
 * plan). Results carry an ETag; {@code If-None-Match} gets 304. {@code /indicators.csv} is the whole table.
 */
@RestController
@RequestMapping("/api/v1")
public class IndicatorsController {

    static final Set<String> RESERVED = Set.of("area", "bbox", "layers", "versions", "targets", "year", "f");
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final IndicatorService service;
    private final TargetSets targets;
    private final ObjectMapper json;
    private final RequestLimits limits;

    public IndicatorsController(IndicatorService service, TargetSets targets, ObjectMapper json, RequestLimits limits) {
        this.service = service;
        this.targets = targets;
        this.json = json;
        this.limits = limits;
    }

    @GetMapping(value = "/indicators", produces = "application/json")
    public Map<String, Object> catalogue() {
        String base = Links.base();
        List<Map<String, Object>> list = service.catalogue().stream().map(d -> {
            Map<String, Object> m = describe(d);
            m.put("links", List.of(Links.link(base + "/api/v1/indicators/" + d.id(), "item", Links.JSON, "The value"),
                    Links.link(base + "/api/v1/indicators/" + d.id() + "/gaps", "gaps", Links.GEOJSON, "What is not covered")));
            return m;
        }).toList();
        return Map.of("indicators", list, "targetSets", targets.ids());
    }

    @GetMapping(value = "/targets", produces = "application/json")
    public Object targetSets() {
        return targets.document();
    }

    @GetMapping("/indicators/{id}")
    public ResponseEntity<?> indicator(@PathVariable String id, @RequestParam MultiValueMap<String, String> query,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        boolean csv = wantsCsv(query.getFirst("f"), accept);
        IndicatorRun run = run(id, query);
        Optional<TargetSet> set = targetSet(query.getFirst("targets"));
        Integer year = year(query.getFirst("year"));
        String etag = etag(run.cacheKey(), set.map(TargetSet::id).orElse(null), year, csv ? "csv" : "json");
        if (matches(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        Optional<Evaluation> total = set.flatMap(s -> targets.targetFor(s, id, year))
                .map(t -> TargetSets.evaluate(t, run.result().value()));
        if (csv) {
            return ResponseEntity.ok().eTag(etag).cacheControl(org.springframework.http.CacheControl.noCache())
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + id + ".csv\"")
                    .contentType(CSV).body(csv(run, total));
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(org.springframework.http.CacheControl.noCache())
                .contentType(MediaType.APPLICATION_JSON).body(body(run, set, year, total));
    }

    @GetMapping("/indicators/{id}/gaps")
    public ResponseEntity<String> gaps(@PathVariable String id, @RequestParam MultiValueMap<String, String> query,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        IndicatorRun run = run(id, query);
        String etag = etag(run.cacheKey(), null, null, "gaps");
        if (matches(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        IndicatorResult r = run.result();
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("{\"type\":\"FeatureCollection\",\"indicator\":").append(json.writeValueAsString(id))
                .append(",\"area\":").append(json.writeValueAsString(area(run)));
        if (run.mode() != null) {
            sb.append(",\"mode\":").append(json.writeValueAsString(run.mode()));
        }
        sb.append(",\"features\":[");
        boolean first = true;
        if (!r.gaps().isEmpty()) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("kind", "gap");
            props.put("indicator", id);
            props.put("description", Objects.requireNonNullElse(run.definition().gapDescription(), "not covered"));
            props.put("area_m2", r.denominator() - r.numerator());
            feature(sb, props, r.gaps());
            first = false;
        }
        for (Finding f : r.findings()) {
            if (f.geometry() == null || f.geometry().isEmpty()) {
                continue;
            }
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("kind", f.kind());
            props.put("featureId", f.featureId());
            props.put("area_m2", f.area());
            props.putAll(f.details());
            if (!first) {
                sb.append(',');
            }
            feature(sb, props, f.geometry());
            first = false;
        }
        sb.append("]}");
        return ResponseEntity.ok().eTag(etag).cacheControl(org.springframework.http.CacheControl.noCache())
                .contentType(MediaType.parseMediaType(Links.GEOJSON)).body(sb.toString());
    }

    private void feature(StringBuilder sb, Map<String, Object> props, Geometry g) {
        sb.append("{\"type\":\"Feature\",\"properties\":").append(json.writeValueAsString(props))
                .append(",\"geometry\":").append(GeoJson.write(g, FeatureRepository.DECIMALS)).append('}');
    }

    private IndicatorRun run(String id, MultiValueMap<String, String> query) {
        checkLists(query);
        Map<String, String> params = new LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (!RESERVED.contains(k) && !v.isEmpty()) {
                params.put(k, v.get(0));
            }
        });
        return service.compute(id, query.getFirst("area"), query.getFirst("bbox"), query.getFirst("layers"),
                VersionPins.parse(query.getFirst("versions")), params);
    }

    /**
     * Every indicator for one area as one CSV table (the dashboard's export): one row per indicator with its
     * value, the target of the chosen set and year, the status and the layer versions read. Indicators whose
     * required layers are missing get a row with status {@code missing_layers} and no value. Indicator
     * parameters are not taken here (each indicator uses its defaults).
     */
    @GetMapping("/indicators.csv")
    public ResponseEntity<byte[]> table(@RequestParam MultiValueMap<String, String> query) {
        checkLists(query);
        Optional<TargetSet> set = targetSet(query.getFirst("targets"));
        Integer year = year(query.getFirst("year"));
        VersionPins versions = VersionPins.parse(query.getFirst("versions"));
        StringBuilder sb = new StringBuilder();
        sb.append("indicator,name_zh,name_en,area_id,area_name,value,unit,numerator,denominator,target_set,"
                + "target_year,comparator,target,status,distance_to_target,layers_used,computed_at\r\n");
        for (IndicatorDefinition d : service.catalogue()) {
            IndicatorRun run;
            try {
                run = service.compute(d.id(), query.getFirst("area"), query.getFirst("bbox"), query.getFirst("layers"),
                        versions, Map.of());
            } catch (org.greenplan.indicator.service.MissingLayerException e) {
                List<String> cells = List.of(d.id(), d.nameZh(), d.nameEn(), "", "", "", d.unit(), "",
                        "", set.map(TargetSet::id).orElse(""), "", "", "", "missing_layers", "", "", "");
                sb.append(String.join(",", cells.stream().map(CsvCells::text).toList())).append("\r\n");
                continue;
            }
            IndicatorResult r = run.result();
            Optional<Evaluation> e = set.flatMap(s -> targets.targetFor(s, d.id(), year))
                    .map(t -> TargetSets.evaluate(t, r.value()));
            String status = e.map(Evaluation::status).orElse(set.isPresent() ? "no_target" : "");
            // text() or number() per column: area ids and names come from uploads and are neutralised, numbers not
            List<String> cells = List.of(text(d.id()), text(d.nameZh()), text(d.nameEn()), text(run.area().key()),
                    text(run.area().name()), number(decimal(r.value())), text(r.unit()),
                    number(decimal(r.numerator())), number(decimal(r.denominator())), text(set.map(TargetSet::id).orElse("")),
                    number(e.map(x -> String.valueOf(x.target().year())).orElse("")),
                    text(e.map(x -> x.target().comparator()).orElse("")),
                    number(e.map(x -> decimal(x.target().value())).orElse("")), text(status),
                    number(e.map(x -> decimal(x.distanceToTarget())).orElse("")),
                    text(String.join(" ", run.layersUsed().stream().map(u -> u.id() + ":" + u.version()).toList())),
                    text(run.computedAt().toString()));
            sb.append(String.join(",", cells)).append("\r\n");
        }
        return ResponseEntity.ok().cacheControl(org.springframework.http.CacheControl.noCache())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"greenplan-indicators.csv\"")
                .contentType(CSV).body(withBom(sb));
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

    private static Integer year(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            int y = Integer.parseInt(text.trim());
            if (y < 1900 || y > 2200) {
                throw new NumberFormatException();
            }
            return y;
        } catch (NumberFormatException e) {
            throw new IndicatorRequestException("year", "year must be a year such as 2025, not '" + text + "'");
        }
    }

    static boolean wantsCsv(String f, String accept) {
        if (f != null) {
            return switch (f) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new BadRequestException("f", "format '" + f + "' is not offered; use json or csv");
            };
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }

    private static String etag(String key, String targetSet, Integer year, String format) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((key + "|" + targetSet + "|" + year + "|" + format)
                    .getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(h, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String t : ifNoneMatch.split(",")) {
            String s = t.trim();
            if (s.startsWith("W/")) {
                s = s.substring(2);
            }
            if (s.equals(etag) || s.equals("*")) {
                return true;
            }
        }
        return false;
    }

    static Map<String, Object> describe(IndicatorDefinition d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("name", Map.of("zh", d.nameZh(), "en", d.nameEn()));
        m.put("unit", d.unit());
        m.put("definition", d.definition());
        m.put("standard", d.standard());
        m.put("layers", d.kinds().stream().map(k -> Map.of("kind", k.id(),
                "name", Map.of("zh", k.nameZh(), "en", k.nameEn()), "required", d.required().contains(k))).toList());
        m.put("parameters", d.parameters().stream().map(IndicatorsController::parameter).toList());
        // null for an indicator that maps no gaps: the dashboard then says so instead of "no gaps"
        m.put("gapDescription", d.gapDescription());
        return m;
    }

    private static Map<String, Object> parameter(ParameterSpec p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("type", p.type().name().toLowerCase(Locale.ROOT));
        m.put("default", p.defaultValue());
        if (p.min() != null) {
            m.put("min", p.min());
        }
        if (p.max() != null) {
            m.put("max", p.max());
        }
        if (!p.allowedValues().isEmpty()) {
            m.put("allowedValues", p.allowedValues());
        }
        if (p.unit() != null) {
            m.put("unit", p.unit());
        }
        m.put("description", p.description());
        return m;
    }

    private static Map<String, Object> area(IndicatorRun run) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", run.area().type());
        a.put("id", run.area().key());
        if (run.area().name() != null) {
            a.put("name", run.area().name());
        }
        if (run.area().geometry() != null) {
            var e = run.area().geometry().getEnvelopeInternal();
            a.put("bbox", List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()));
        }
        return a;
    }

    private Map<String, Object> body(IndicatorRun run, Optional<TargetSet> set, Integer year, Optional<Evaluation> total) {
        IndicatorResult r = run.result();
        IndicatorDefinition d = run.definition();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("indicator", Map.of("id", d.id(), "name", Map.of("zh", d.nameZh(), "en", d.nameEn()), "unit", d.unit()));
        m.put("area", area(run));
        m.put("value", r.value());
        m.put("unit", r.unit());
        m.put("numerator", r.numerator());
        m.put("denominator", r.denominator());
        if (run.mode() != null) {
            m.put("mode", run.mode());
            m.put("modeNote", run.modeNote());
        }
        set.ifPresent(s -> m.put("targetSet", s.id()));
        if (total.isPresent()) {
            Evaluation e = total.get();
            m.put("target", target(e.target()));
            m.put("status", e.status());
            m.put("distanceToTarget", e.distanceToTarget());
        } else if (set.isPresent()) {
            m.put("target", null);
            m.put("status", "no_target");
        }
        m.put("measures", r.measures().stream().map(IndicatorsController::measure).toList());
        List<Map<String, Object>> breakdown = new ArrayList<>();
        for (AreaBreakdown b : r.breakdown()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("areaId", b.areaId());
            row.put("areaName", b.areaName());
            row.put("value", b.value());
            row.put("numerator", b.numerator());
            row.put("denominator", b.denominator());
            if (total.isPresent()) {
                Evaluation e = TargetSets.evaluate(total.get().target(), b.value());
                row.put("status", e.status());
                row.put("distanceToTarget", e.distanceToTarget());
            }
            if (!b.measures().isEmpty()) {
                row.put("measures", b.measures().stream().map(IndicatorsController::measure).toList());
            }
            breakdown.add(row);
        }
        m.put("breakdown", breakdown);
        m.put("layersUsed", run.layersUsed().stream().map(IndicatorsController::layerUse).toList());
        m.put("parameters", new java.util.TreeMap<>(r.parameters()));
        m.put("measuredInEpsg", r.measuredInEpsg());
        m.put("notes", r.notes());
        m.put("findings", r.findings().size());
        m.put("computedAt", run.computedAt().toString());
        m.put("computeMillis", run.computeMillis());
        String self = Links.base() + "/api/v1/indicators/" + d.id();
        m.put("links", List.of(Links.link(self + "/gaps", "gaps", Links.GEOJSON, "Gap geometry (same query parameters)"),
                Links.link(self + "?f=csv", "alternate", "text/csv", "This table as CSV")));
        return m;
    }

    static Map<String, Object> layerUse(LayerUse u) {
        return Map.of("id", u.id(), "kind", u.kind().id(), "version", u.version());
    }

    private static Map<String, Object> target(TargetSets.Target t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("year", t.year());
        m.put("comparator", t.comparator());
        m.put("value", t.value());
        m.put("unit", t.unit());
        m.put("source", t.source());
        m.put("verified", t.verified());
        if (t.note() != null) {
            m.put("note", t.note());
        }
        return m;
    }

    private static Map<String, Object> measure(Measure x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", x.id());
        m.put("value", x.value());
        m.put("unit", x.unit());
        m.put("numerator", x.numerator());
        m.put("denominator", x.denominator());
        return m;
    }

    private static byte[] csv(IndicatorRun run, Optional<Evaluation> total) {
        IndicatorResult r = run.result();
        StringBuilder sb = new StringBuilder();
        sb.append("indicator,area_id,area_name,value,unit,numerator,denominator,target,comparator,status,distance_to_target,computed_at");
        // the distance mode as a last column, only for the indicators that have one (older readers are unaffected)
        sb.append(run.mode() != null ? ",mode\r\n" : "\r\n");
        for (AreaBreakdown b : r.breakdown()) {
            row(sb, run, b.areaId(), b.areaName(), b.value(), b.numerator(), b.denominator(),
                    total.map(e -> TargetSets.evaluate(e.target(), b.value())));
        }
        row(sb, run, "total", run.area().name() != null ? run.area().name() : "合计 (total)",
                r.value(), r.numerator(), r.denominator(), total);
        return withBom(sb);
    }

    /** UTF-8 with a BOM, so Excel on a Chinese Windows opens the names as UTF-8 and not GBK. */
    private static byte[] withBom(StringBuilder sb) {
        byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, out, 0, BOM.length);
        System.arraycopy(text, 0, out, BOM.length, text.length);
        return out;
    }

    private static void row(StringBuilder sb, IndicatorRun run, String id, String name, double value, double num,
            double den, Optional<Evaluation> e) {
        List<String> cells = List.of(text(run.definition().id()), text(id), text(name), number(decimal(value)),
                text(run.result().unit()), number(decimal(num)), number(decimal(den)),
                number(e.map(x -> decimal(x.target().value())).orElse("")), text(e.map(x -> x.target().comparator()).orElse("")),
                text(e.map(Evaluation::status).orElse("")), number(e.map(x -> decimal(x.distanceToTarget())).orElse("")),
                text(run.computedAt().toString()));
        sb.append(String.join(",", cells));
        sb.append(run.mode() != null ? "," + text(String.valueOf(run.mode())) + "\r\n" : "\r\n");
    }

    private static String decimal(double v) {
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
