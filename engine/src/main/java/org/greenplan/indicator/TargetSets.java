package org.greenplan.indicator;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The policy target sets, read once from {@code targets/targets.json} (data, not code), and the one rule
 * that compares a value with a target: met, or a gap with the signed distance to the target. Plain Java in the
 * engine so the server and the province batch judge a value by the same rule.
 */
public class TargetSets {

    /**
     * One target: indicator, year, comparator ({@code >=}, {@code <=}, {@code >}, {@code <}), value, unit; where it
     * was read ({@code citation} = policy file:line, null for a document not in the policy folder) and the
     * document it belongs to (title, status {@code draft} / {@code in force}, year, null when the text bears none).
     */
    public record Target(String setId, String indicator, int year, String comparator, double value, String unit,
            String source, boolean verified, String note, String citation, String quote, Document document) {

        public boolean isMetBy(double v) {
            return switch (comparator) {
                case ">=" -> v >= value;
                case ">" -> v > value;
                case "<=" -> v <= value;
                case "<" -> v < value;
                default -> throw new IllegalStateException("unknown comparator " + comparator);
            };
        }
    }

    /** The document a target comes from: title, status ({@code draft} / {@code in force}) and year. */
    public record Document(String title, String status, Integer year) {
    }

    public record TargetSet(String id, JsonNode description, List<Target> targets) {
    }

    /**
     * A value judged against a target; {@code distanceToTarget} = value − target, in the indicator's unit (NaN
     * when there is no value: status {@code no_data}).
     */
    public record Evaluation(Target target, boolean met, double distanceToTarget) {
        public String status() {
            return Double.isNaN(distanceToTarget) ? "no_data" : met ? "met" : "gap";
        }

        /** value − target, or null when there is no value. */
        public Double distance() {
            return Double.isNaN(distanceToTarget) ? null : distanceToTarget;
        }
    }

    private final Map<String, TargetSet> sets = new LinkedHashMap<>();
    private final JsonNode document;
    private final Clock clock;

    public TargetSets(ObjectMapper json) throws IOException {
        this(json, Clock.systemDefaultZone());
    }

    public TargetSets(ObjectMapper json, Clock clock) throws IOException {
        this.clock = clock;
        try (InputStream in = TargetSets.class.getResourceAsStream("/targets/targets.json")) {
            if (in == null) {
                throw new IOException("targets/targets.json is not on the class path");
            }
            document = json.readTree(in);
        }
        for (JsonNode s : document.path("targetSets")) {
            String id = s.path("id").asString();
            Document doc = new Document(s.path("document").asString(), s.path("documentStatus").asString(),
                    s.path("documentYear").isInt() ? s.path("documentYear").asInt() : null);
            if (!List.of("draft", "in force").contains(doc.status())) {
                throw new IllegalStateException("targets.json: set " + id + " has document status '" + doc.status() + "'");
            }
            List<Target> targets = new ArrayList<>();
            for (JsonNode t : s.path("targets")) {
                String cmp = t.path("comparator").asString();
                if (!List.of(">=", ">", "<=", "<").contains(cmp)) {
                    throw new IllegalStateException("targets.json: set " + id + " has comparator '" + cmp + "'");
                }
                targets.add(new Target(id, t.path("indicator").asString(), t.path("year").asInt(), cmp,
                        t.path("value").asDouble(), t.path("unit").asString(), t.path("source").asString(),
                        t.path("verified").asBoolean(false), text(t.path("note")), text(t.path("citation")),
                        text(t.path("quote")), doc));
            }
            sets.put(id, new TargetSet(id, s, List.copyOf(targets)));
        }
    }

    private static String text(JsonNode n) {
        return n.isString() ? n.asString() : null;
    }

    /** The file as published by {@code GET /api/v1/targets}. */
    public JsonNode document() {
        return document;
    }

    public Optional<TargetSet> find(String id) {
        return Optional.ofNullable(sets.get(id));
    }

    public List<String> ids() {
        return List.copyOf(sets.keySet());
    }

    /**
     * The set's target for the indicator in {@code year}; without a year the nearest year at or after the
     * current one, else the latest earlier one (a standing rule such as GB 55014 keeps applying).
     */
    public Optional<Target> targetFor(TargetSet set, String indicator, Integer year) {
        List<Target> mine = set.targets().stream().filter(t -> t.indicator().equals(indicator))
                .sorted(Comparator.comparingInt(Target::year)).toList();
        if (year != null) {
            return mine.stream().filter(t -> t.year() == year).findFirst();
        }
        int now = Year.now(clock).getValue();
        return mine.stream().filter(t -> t.year() >= now).findFirst()
                .or(() -> mine.isEmpty() ? Optional.empty() : Optional.of(mine.get(mine.size() - 1)));
    }

    public static Evaluation evaluate(Target target, double value) {
        return new Evaluation(target, target.isMetBy(value), value - target.value());
    }
}
