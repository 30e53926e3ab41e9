package org.greenplan.province;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The province runs the batch job (batch/, Spark + Sedona) wrote into PostGIS (migration V34), read for the
 * province view: one finished run, every unit ranked against the run's targets. Only finished runs are read —
 * the job marks a run finished in the same transaction as its last row — and only runs over files (no
 * workspace): a run over a workspace's layers belongs under that workspace's access rules.
 */
@Repository
public class ProvinceRuns {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public ProvinceRuns(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A run: its inputs and the target set its rows were judged against. */
    public record Run(long id, String workspace, String inputs, String unitsKind, String targetSet, Integer targetYear,
            String startedAt, String finishedAt) {
    }

    /** One indicator of a unit in one mode ({@code null} for indicators without distances). */
    public record Result(String indicator, String mode, Double value, String measure, String reason, Integer targetYear,
            String comparator, Double target, String status) {
    }

    /**
     * A unit with its rank: more targets met ranks higher, then fewer gaps, then the code. {@code status} is
     * the unit's as a whole: {@code gap} when any target is missed, else {@code no_data} when any value is
     * missing, else {@code met}; null when the run judged nothing.
     */
    public record Unit(int rank, String code, String name, String level, String status, int met, int gap, int noData,
            JsonNode geometry, List<Result> results) {
    }

    /** The latest finished run (or {@code id}); empty when there is none. */
    public Optional<Run> run(Long id) {
        String sql = "SELECT id, workspace_id, inputs, units_kind, target_set, target_year, started_at::text, "
                + "finished_at::text FROM batch_run WHERE finished_at IS NOT NULL AND workspace_id IS NULL"
                + (id == null ? " ORDER BY finished_at DESC, id DESC LIMIT 1" : " AND id = ?");
        Object[] args = id == null ? new Object[0] : new Object[] {id};
        return jdbc.query(sql, (r, i) -> new Run(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                r.getString(5), (Integer) r.getObject(6), r.getString(7), r.getString(8)), args).stream().findFirst();
    }

    /** Every unit of the run, ranked; {@code geometry} is its boundary as GeoJSON. */
    public List<Unit> units(Run run) {
        Map<String, List<Result>> results = new LinkedHashMap<>();
        jdbc.query("SELECT unit_code, indicator, nullif(mode, ''), value, measure, reason, target_year, "
                + "target_comparator, target_value, status FROM batch_result WHERE run_id = ? "
                + "ORDER BY unit_code, indicator, mode", r -> {
                    results.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(new Result(r.getString(2),
                            r.getString(3), (Double) r.getObject(4), r.getString(5), r.getString(6),
                            (Integer) r.getObject(7), r.getString(8), (Double) r.getObject(9), r.getString(10)));
                }, run.id());
        List<Unit> units = jdbc.query("SELECT code, name, level, ST_AsGeoJSON(geom, 7) FROM batch_unit WHERE run_id = ?",
                (r, i) -> unit(r.getString(1), r.getString(2), r.getString(3), json.readTree(r.getString(4)),
                        results.getOrDefault(r.getString(1), List.of())), run.id());
        List<Unit> ranked = new ArrayList<>(units);
        ranked.sort(Comparator.comparingInt(Unit::met).reversed().thenComparingInt(Unit::gap)
                .thenComparing(Unit::code));
        List<Unit> out = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Unit u = ranked.get(i);
            out.add(new Unit(i + 1, u.code(), u.name(), u.level(), u.status(), u.met(), u.gap(), u.noData(),
                    u.geometry(), u.results()));
        }
        return out;
    }

    private static Unit unit(String code, String name, String level, JsonNode geometry, List<Result> results) {
        int met = count(results, "met");
        int gap = count(results, "gap");
        int noData = count(results, "no_data");
        String status = gap > 0 ? "gap" : noData > 0 ? "no_data" : met > 0 ? "met" : null;
        return new Unit(0, code, name, level, status, met, gap, noData, geometry, results);
    }

    private static int count(List<Result> results, String status) {
        return (int) results.stream().filter(r -> status.equals(r.status())).count();
    }
}
