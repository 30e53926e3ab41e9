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
     * The year a set's targets are compared for, and why (said on the dashboard and in the report): {@code rule}
     * {@code asked} (the year asked for), {@code nearest} (the set's nearest target year at or after
     * {@code currentYear}) or {@code latest} (the set's latest; none is set after it).
     */
    public record TargetYear(int year, String rule, int currentYear) {

        /** The reason in both languages, for the report. */
        public String reason() {
            return switch (rule) {
                case "asked" -> "所选目标年份 the target year asked for";
                case "nearest" -> "距今最近的目标年份（今年 " + currentYear + "）the nearest target year from " + currentYear;
                default -> "最近的目标年份（此后未设目标）the latest target year; none is set after it";
            };
        }
    }

    /** The years the set sets targets for, ascending. */
    public static List<Integer> years(TargetSet set) {
        return set.targets().stream().map(Target::year).distinct().sorted().toList();
    }

    /**
     * The one target-year rule of the API, the dashboard and the report: the year asked for, which must be one
     * of the set's years; without one, the set's nearest target year at or after the current year, else its
     * latest (a standing rule such as GB 55014 keeps applying). Empty for a set without targets and no year.
     *
     * @throws InvalidParameterException naming {@code year} when the year is not one of the set's years
     */
    public Optional<TargetYear> targetYear(TargetSet set, Integer asked) {
        List<Integer> years = years(set);
        int now = Year.now(clock).getValue();
        if (asked != null) {
            if (!years.contains(asked)) {
                throw new InvalidParameterException("year", "target set '" + set.id() + "' sets targets for "
                        + (years.isEmpty() ? "no year" : years) + ", not " + asked);
            }
            return Optional.of(new TargetYear(asked, "asked", now));
        }
        if (years.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(years.stream().filter(y -> y >= now).findFirst()
                .map(y -> new TargetYear(y, "nearest", now))
                .orElseGet(() -> new TargetYear(years.get(years.size() - 1), "latest", now)));
    }

    /**
     * The set's target for the indicator in the target year ({@link #targetYear}): the one due that year, else
     * the latest one due before it (a target reached by 2025 still binds in 2027; a figure whose text gives no
     * year is filed under one). Empty when the indicator has none due by then.
     */
    public Optional<Target> targetFor(TargetSet set, String indicator, Integer year) {
        Optional<TargetYear> y = targetYear(set, year);
        if (y.isEmpty()) {
            return Optional.empty();
        }
        return set.targets().stream().filter(t -> t.indicator().equals(indicator) && t.year() <= y.get().year())
                .max(Comparator.comparingInt(Target::year));
    }

    public static Evaluation evaluate(Target target, double value) {
        return new Evaluation(target, target.isMetBy(value), value - target.value());
    }
}
