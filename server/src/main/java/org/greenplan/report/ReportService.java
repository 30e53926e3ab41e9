package org.greenplan.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.greenplan.indicator.DistanceMode;
import org.greenplan.indicator.IndicatorDefinition;
import org.greenplan.indicator.service.AreaOfInterest;
import org.greenplan.indicator.service.IndicatorRequestException;
import org.greenplan.indicator.service.IndicatorRun;
import org.greenplan.indicator.service.IndicatorService;
import org.greenplan.indicator.service.LayerUse;
import org.greenplan.indicator.service.MissingLayerException;
import org.greenplan.indicator.TargetSets;
import org.greenplan.indicator.TargetSets.TargetSet;
import org.greenplan.indicator.service.ScenarioInputs;
import org.greenplan.indicator.service.VersionPins;
import org.greenplan.scenario.Scenario;
import org.greenplan.scenario.ScenarioService;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerRepository;
import org.greenplan.layer.LayerVersion;
import org.greenplan.report.Report.Fact;
import org.greenplan.report.Report.MapFigure;
import org.greenplan.report.Report.Table;
import org.greenplan.report.ReportContent.CitedTarget;
import org.greenplan.tiles.TileService;
import org.greenplan.workspace.Workspace;
import org.locationtech.jts.geom.Envelope;
import org.springframework.stereotype.Service;

/**
 * Gathers a report: every indicator of the catalogue computed by {@link IndicatorService} (cached runs are
 * reused) for the baseline query and, when asked, for the compared one; the targets of the chosen set (or of
 * every set) for the year; maps of the park and life-circle gaps; the layer versions read; and the SHA-256 of a
 * manifest of all of it. {@link DocxReport} and {@link PdfReport} lay the result out.
 */
@Service
public class ReportService {

    /** China time: the date a bureau would write on the data's publication. */
    static final ZoneId DATE_ZONE = ZoneId.of("Asia/Shanghai");
    /** Indicators whose gaps are mapped, in this order. */
    private static final List<String> MAPPED = List.of("park_service_coverage", "life_circle_coverage");

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReportService.class);

    private final IndicatorService indicators;
    private final ScenarioService scenarios;
    private final TargetSets targets;
    private final LayerRepository layers;
    private final TileService tiles;

    public ReportService(IndicatorService indicators, TargetSets targets, LayerRepository layers, TileService tiles,
            ScenarioService scenarios) {
        this.scenarios = scenarios;
        this.indicators = indicators;
        this.targets = targets;
        this.layers = layers;
        this.tiles = tiles;
    }

    public Report build(Workspace ws, ReportQuery q) {
        long t0 = System.nanoTime();
        Optional<TargetSet> set = ReportQuery.given(q.targets()) ? Optional.of(targets.find(q.targets().trim())
                .orElseThrow(() -> new IndicatorRequestException("targets", "unknown target set '" + q.targets()
                        + "'; known: " + targets.ids()))) : Optional.empty();
        set.ifPresent(s -> targets.targetYear(s, q.year())); // a year outside the set's years: 400 naming 'year'
        LocalDate asked = date(q.date());
        // a scenario is compared with the baseline it branched from: its pinned versions and edits, same scope
        Scenario scenario = ReportQuery.given(q.scenario())
                ? scenarios.get(ws.id(), ScenarioService.id(ws.id(), q.scenario().trim())) : null;
        ResultSet base = compute(ws, q.compares() ? (scenario != null ? "现状 baseline" : "基准 baseline") : "数值 value",
                q.area(), q.bbox(), q.mode(), VersionPins.parse(q.versions()), null);
        ResultSet compared = !q.compares() ? null : compute(ws, scenario != null ? "方案 " + scenario.name() : "比较 compared",
                ReportQuery.given(q.compareArea()) ? q.compareArea() : q.area(),
                ReportQuery.given(q.compareArea()) ? null : q.bbox(), q.mode(),
                VersionPins.parse(ReportQuery.given(q.compareVersions()) ? q.compareVersions() : q.versions()),
                scenario == null ? null : scenarios.inputs(ws.id(), scenario.id()));
        long t1 = System.nanoTime();
        List<LayerUse> used = new ArrayList<>(base.layersUsed());
        if (compared != null) {
            compared.layersUsed().stream().filter(u -> !used.contains(u)).forEach(used::add);
        }
        used.sort(java.util.Comparator.comparing(LayerUse::id).thenComparingInt(LayerUse::version));
        Map<LayerUse, LayerVersion> versions = new LinkedHashMap<>();
        for (LayerUse u : used) {
            layers.findVersion(ws.id(), u.id(), u.version()).ifPresent(v -> versions.put(u, v));
        }
        LocalDate date = asked != null ? asked : versions.values().stream().map(v -> v.createdAt().atZoneSameInstant(DATE_ZONE)
                .toLocalDate()).max(LocalDate::compareTo).orElse(LocalDate.of(2000, 1, 1));

        Table table = ReportContent.indicators(base, compared, id -> cited(set, id, q.year()));
        List<MapFigure> maps = new ArrayList<>(maps(ws, base, null));
        if (compared != null) {
            // a scenario's maps show its layers as it has them (its tiles: baseline + edits), under its gaps
            maps.addAll(maps(ws, compared, scenario == null ? null : scenario.id()));
        }
        long t2 = System.nanoTime();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("工作空间 Workspace", ws.name() + " (" + ws.id() + ")"));
        facts.add(new Fact("范围 Scope", scope(base.area())));
        facts.add(new Fact("范围框 Bounding box (lon/lat)", bbox(envelope(ws, base.area()))));
        if (compared != null) {
            facts.add(new Fact("比较范围 Compared scope", scope(compared.area()) + (ReportQuery.given(q.compareVersions())
                    ? "; 图层版本 versions " + q.compareVersions() : "")));
        }
        if (scenario != null) {
            // the edits are the scenario's, not a layer version: its revision names them in the inputs' hash
            facts.add(new Fact("方案 Scenario", scenario.name() + " (id " + scenario.id() + ", revision "
                    + scenario.revision() + ")"));
        }
        facts.add(new Fact("日期 Date", date.toString()));
        facts.add(new Fact("目标 Targets", set.map(s -> s.description().path("name").path("zh").asString() + " ("
                + s.id() + ")").orElse("全部目标集 every target set")));
        facts.add(new Fact("目标年份 Target year", targetYear(set, q.year())));
        if (ReportQuery.given(q.versions())) {
            facts.add(new Fact("图层版本 Pinned versions", q.versions()));
        }
        List<String> notes = new ArrayList<>();
        base.entries().stream().map(ResultSet.Entry::run).filter(r -> r != null && r.modeNote() != null)
                .map(IndicatorRun::modeNote).distinct().forEach(notes::add);
        notes.add("数值保留两位小数；状态按所选目标年份判定。Values are rounded to two decimals; each status is judged "
                + "against the target of the year shown.");

        List<List<String>> layerRows = new ArrayList<>();
        for (LayerUse u : used) {
            LayerVersion v = versions.get(u);
            String name = layers.find(ws.id(), u.id()).map(Layer::name).orElse(u.id());
            layerRows.add(List.of(u.id(), name, u.kind().label(), "v" + u.version(),
                    v == null ? "" : String.format(Locale.ROOT, "%,d", v.featureCount()),
                    v == null ? "" : v.createdAt().atZoneSameInstant(DATE_ZONE).toLocalDateTime().withNano(0).toString()
                            .replace('T', ' ')));
        }
        Table layerTable = new Table(List.of("图层 Layer", "名称 Name", "类型 Kind", "版本 Version", "要素 Features",
                "发布 Published (UTC+8)"), layerRows, new double[] {0.20, 0.20, 0.22, 0.10, 0.11, 0.17});
        String sha = sha256(manifest(ws, q, set, date, base, compared) + "layers=" + layerRows + '\n');
        String title = "城乡建设绿色发展指标报告 Green development indicator report — " + ws.name();
        log.debug("report of {} ({}): indicators {} ms, maps {} ms, the rest {} ms", ws.id(), base.area().key(),
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        return new Report(title, date, facts, table, notes, maps, layerTable, sha);
    }

    private ResultSet compute(Workspace ws, String label, String area, String bbox, String mode, VersionPins pins,
            ScenarioInputs scenario) {
        List<ResultSet.Entry> entries = new ArrayList<>();
        AreaOfInterest aoi = null;
        for (IndicatorDefinition d : indicators.catalogue()) {
            Map<String, String> params = ReportQuery.given(mode) && d.parameters().stream()
                    .anyMatch(p -> p.name().equals(DistanceMode.PARAMETER)) ? Map.of(DistanceMode.PARAMETER, mode.trim()) : Map.of();
            try {
                IndicatorRun run = indicators.compute(ws, d.id(), area, bbox, null, pins, params, scenario);
                aoi = aoi == null ? run.area() : aoi;
                entries.add(new ResultSet.Entry(d, run, List.of()));
            } catch (MissingLayerException e) {
                entries.add(new ResultSet.Entry(d, null, e.missing()));
            }
        }
        if (aoi == null) { // nothing could run: the scope as asked, for the title block
            aoi = area != null && !area.isBlank() && !area.equals("all") ? new AreaOfInterest("area", area, area, null)
                    : bbox != null ? AreaOfInterest.bbox(bbox) : AreaOfInterest.ALL;
        }
        return new ResultSet(label, aoi, entries);
    }

    /** The year compared and why (the rule of {@link TargetSets#targetYear}); per set when no set was chosen. */
    private String targetYear(Optional<TargetSet> set, Integer year) {
        if (set.isPresent()) {
            return targets.targetYear(set.get(), year).map(y -> y.year() + "（" + y.reason() + "）")
                    .orElse("— (该目标集无目标 the set has no targets)");
        }
        return year != null ? year + "（所选目标年份 the target year asked for）"
                : "各目标集距今最近的目标年份 each set's nearest target year from now";
    }

    private List<CitedTarget> cited(Optional<TargetSet> chosen, String indicator, Integer year) {
        // without a chosen set, every set that has the year (or each its own year by the rule)
        List<TargetSet> sets = chosen.map(List::of).orElseGet(() -> targets.ids().stream()
                .map(id -> targets.find(id).orElseThrow())
                .filter(s -> year == null || TargetSets.years(s).contains(year)).toList());
        List<CitedTarget> out = new ArrayList<>();
        for (TargetSet s : sets) {
            targets.targetFor(s, indicator, year).ifPresent(t -> out.add(new CitedTarget(t,
                    s.description().path("document").asString(), s.description().path("name").path("zh").asString())));
        }
        return out;
    }

    private List<MapFigure> maps(Workspace ws, ResultSet set, Long scenario) {
        Envelope env = envelope(ws, set.area());
        List<IndicatorRun> runs = MAPPED.stream().flatMap(id -> set.run(id).stream()).toList();
        if (env == null || runs.isEmpty()) {
            return List.of();
        }
        // one base for the set's maps: the layers any mapped indicator read, drawn once
        ScopeMap.Base base = ScopeMap.base(tiles, ws.id(), scenario, env,
                runs.stream().flatMap(r -> r.layersUsed().stream()).toList());
        return runs.stream().map(run -> ScopeMap.draw(base, run.result().gaps(), "缺口 " + run.definition().nameZh() + " gap",
                set.label() + " · " + run.definition().nameZh() + " " + run.definition().nameEn() + ": "
                        + ReportContent.value(run, null) + " " + run.result().unit() + "（红色为缺口 gaps in red）")).toList();
    }

    /** The scope's envelope: the area's, else the workspace's extent; null when there is nothing to show. */
    private static Envelope envelope(Workspace ws, AreaOfInterest area) {
        if (area.geometry() != null) {
            return area.geometry().getEnvelopeInternal();
        }
        return ws.extent() == null || ws.extent().isEmpty() ? null : ws.extent().getEnvelopeInternal();
    }

    private static String scope(AreaOfInterest a) {
        return switch (a.type()) {
            case "all" -> "全部 whole workspace";
            case "bbox" -> "范围框 bbox " + a.key().substring("bbox:".length());
            default -> (a.name() != null ? a.name() + " " : "") + "(" + a.key() + ")";
        };
    }

    private static String bbox(Envelope e) {
        return e == null ? "—" : String.format(Locale.ROOT, "%.6f, %.6f, %.6f, %.6f", e.getMinX(), e.getMinY(),
                e.getMaxX(), e.getMaxY());
    }

    private static LocalDate date(String text) {
        if (!ReportQuery.given(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IndicatorRequestException("date", "date must be an ISO date such as 2026-06-30, not '" + text + "'");
        }
    }

    /**
     * Everything the document is made from, one item a line: the workspace and its measuring zone, the query,
     * the date, every run's cache key (indicator, area, effective parameters, the ids of the layer versions
     * read; versions are immutable, so the id stands for the features) or why it is missing, and the target file (the caller adds the layer table: names and publication times).
     */
    private String manifest(Workspace ws, ReportQuery q, Optional<TargetSet> set, LocalDate date, ResultSet base,
            ResultSet compared) {
        StringBuilder m = new StringBuilder("greenplan report inputs 1\n");
        m.append("workspace=").append(ws.id()).append(" name=").append(ws.name()).append(" srid=")
                .append(ws.measuringSrid()).append('\n');
        m.append("targets=").append(set.map(TargetSet::id).orElse("*")).append(" year=").append(q.year())
                .append(" date=").append(date).append('\n');
        for (ResultSet s : compared == null ? List.of(base) : List.of(base, compared)) {
            m.append("set=").append(s.label()).append(" area=").append(s.area().key()).append('\n');
            for (ResultSet.Entry e : s.entries()) {
                m.append(e.run() != null ? e.run().cacheKey() : "missing " + e.definition().id() + " " + e.missing())
                        .append('\n');
            }
        }
        m.append("targets.json sha256=").append(sha256(targets.document().toString())).append('\n');
        return m.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
