package org.greenplan.api;

import static org.greenplan.CsvCells.number;
import static org.greenplan.CsvCells.text;
import static org.greenplan.Decimals.plain;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.greenplan.indicator.AreaBreakdown;
import org.greenplan.indicator.IndicatorDefinition;
import org.greenplan.indicator.IndicatorResult;
import org.greenplan.indicator.service.IndicatorRun;
import org.greenplan.indicator.TargetSets;
import org.greenplan.indicator.TargetSets.Evaluation;
import org.springframework.http.MediaType;

/**
 * The indicator CSVs planners open in Excel: one indicator per admin area plus the total
 * ({@code /indicators/{id}?f=csv}), and every indicator for one area ({@code /indicators.csv}). Each cell is
 * written through {@link org.greenplan.CsvCells} as text or as a number, so uploaded names cannot become
 * formulas; rows end in CRLF; the bytes start with a UTF-8 BOM.
 */
final class IndicatorCsv {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String TABLE_HEADER = "indicator,name_zh,name_en,area_id,area_name,value,unit,numerator,"
            + "denominator,target_set,target_year,comparator,target,status,distance_to_target,layers_used,computed_at,"
            + "residents_covered,residents";

    private final StringBuilder sb = new StringBuilder();

    private IndicatorCsv(String header) {
        sb.append(header);
    }

    /** One indicator: a row per admin area of the breakdown, then the total, each judged against the target. */
    static byte[] oneIndicator(IndicatorRun run, Optional<Evaluation> total) {
        IndicatorResult r = run.result();
        // the distance mode as a last column, only for the indicators that have one (older readers are unaffected)
        IndicatorCsv csv = new IndicatorCsv("indicator,area_id,area_name,value,unit,numerator,denominator,target,"
                + "comparator,status,distance_to_target,computed_at" + (run.mode() != null ? ",mode" : "")
                + (residents(r.measures()) != null ? ",residents_covered,residents" : ""));
        boolean withResidents = residents(r.measures()) != null;
        for (AreaBreakdown b : r.breakdown()) {
            csv.areaRow(run, b.areaId(), b.areaName(), b.value(), b.numerator(), b.denominator(),
                    total.map(e -> TargetSets.evaluate(e.target(), b.value())), withResidents ? residents(b.measures()) : null);
        }
        csv.areaRow(run, "total", run.area().name() != null ? run.area().name() : "合计 (total)", r.value(),
                r.numerator(), r.denominator(), total, residents(r.measures()));
        return csv.bytes();
    }

    /**
     * Residents covered and residents (the population-weighted measure's numerator and denominator), for the
     * coverage indicators that count people beside land; null when the result has none. An area without
     * residents gets empty cells.
     */
    private static double[] residents(List<org.greenplan.indicator.Measure> measures) {
        return measures.stream().filter(m -> m.id().equals("population_weighted")).findFirst()
                .map(m -> new double[] {m.numerator(), m.denominator()}).orElse(null);
    }

    private void areaRow(IndicatorRun run, String id, String name, double value, double num, double den,
            Optional<Evaluation> e, double[] residents) {
        List<String> cells = new java.util.ArrayList<>(List.of(text(run.definition().id()), text(id), text(name),
                number(plain(value)), text(run.result().unit()), number(plain(num)), number(plain(den)),
                number(e.map(x -> plain(x.target().value())).orElse("")), text(e.map(x -> x.target().comparator()).orElse("")),
                text(Double.isNaN(value) ? "no_data" : e.map(Evaluation::status).orElse("")),
                number(e.map(x -> plain(x.distanceToTarget())).orElse("")),
                text(run.computedAt().toString())));
        if (run.mode() != null) {
            cells.add(text(run.mode()));
        }
        if (residents != null) {
            cells.add(number(plain(residents[0])));
            cells.add(number(plain(residents[1])));
        }
        row(cells);
    }

    /** The whole table: {@link #indicatorRow} or {@link #missingRow} per indicator, then {@link #bytes()}. */
    static IndicatorCsv table() {
        return new IndicatorCsv(TABLE_HEADER);
    }

    /** An indicator whose required layers are missing: no value, status {@code missing_layers}. */
    void missingRow(IndicatorDefinition d, String targetSet) {
        row(List.of(d.id(), d.nameZh(), d.nameEn(), "", "", "", d.unit(), "", "", targetSet, "", "", "",
                "missing_layers", "", "", "", "", "").stream().map(org.greenplan.CsvCells::text).toList());
    }

    /**
     * A computed indicator, with its target (if the set has one for it), the layer versions read, and residents
     * covered and residents for the coverage indicators that count people (empty for the others).
     */
    void indicatorRow(IndicatorRun run, String targetSet, Optional<Evaluation> e, String status) {
        IndicatorDefinition d = run.definition();
        IndicatorResult r = run.result();
        double[] residents = residents(r.measures());
        // text() or number() per column: area ids and names come from uploads and are neutralised, numbers not
        row(List.of(text(d.id()), text(d.nameZh()), text(d.nameEn()), text(run.area().key()),
                text(run.area().name()), number(plain(r.value())), text(r.unit()),
                number(plain(r.numerator())), number(plain(r.denominator())), text(targetSet),
                number(e.map(x -> String.valueOf(x.target().year())).orElse("")),
                text(e.map(x -> x.target().comparator()).orElse("")),
                number(e.map(x -> plain(x.target().value())).orElse("")), text(status),
                number(e.map(x -> plain(x.distanceToTarget())).orElse("")),
                text(String.join(" ", run.layersUsed().stream().map(u -> u.id() + ":" + u.version()).toList())),
                text(run.computedAt().toString()), residents == null ? "" : number(plain(residents[0])),
                residents == null ? "" : number(plain(residents[1]))));
    }

    private void row(List<String> cells) {
        sb.append("\r\n").append(String.join(",", cells));
    }

    /** UTF-8 with a BOM, so Excel on a Chinese Windows opens the names as UTF-8 and not GBK. */
    byte[] bytes() {
        byte[] body = (sb + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[BOM.length + body.length];
        System.arraycopy(BOM, 0, out, 0, BOM.length);
        System.arraycopy(body, 0, out, BOM.length, body.length);
        return out;
    }
}
