package org.greenplan.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An indicator on a scenario beside the baseline ({@code scenario=<id>&compare=baseline}): both answers in full,
 * and the change of the value ({@code delta} = scenario − baseline; null when either has no value).
 */
public record ScenarioComparison(String scenarioId, IndicatorValueResponse scenario, IndicatorValueResponse baseline,
        Double delta, List<Link> links) {

    static ScenarioComparison of(String scenarioId, IndicatorValueResponse scenario, IndicatorValueResponse baseline,
            List<Link> links) {
        Double delta = scenario.value() == null || baseline.value() == null ? null : scenario.value() - baseline.value();
        return new ScenarioComparison(scenarioId, scenario, baseline, delta, links);
    }

    /** Both gap maps in one FeatureCollection, each feature marked {@code side: scenario | baseline}. */
    static String gaps(ObjectMapper json, String scenarioGaps, String baselineGaps) {
        ObjectNode out = (ObjectNode) json.readTree(scenarioGaps);
        ArrayNode features = json.createArrayNode();
        for (String[] side : new String[][] {{"scenario", scenarioGaps}, {"baseline", baselineGaps}}) {
            for (JsonNode f : json.readTree(side[1]).get("features")) {
                ((ObjectNode) f.get("properties")).put("side", side[0]);
                features.add(f);
            }
        }
        out.set("features", features);
        return out.toString();
    }

    /** Two CSV tables of the same header as one, with a first column {@code side} (scenario rows first). */
    static byte[] csv(byte[] scenario, byte[] baseline) {
        StringBuilder out = new StringBuilder("\uFEFF");
        String[] a = lines(scenario);
        String[] b = lines(baseline);
        out.append("side,").append(a[0]).append("\r\n");
        for (int i = 1; i < a.length; i++) {
            out.append("scenario,").append(a[i]).append("\r\n");
        }
        for (int i = 1; i < b.length; i++) {
            out.append("baseline,").append(b[i]).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String[] lines(byte[] csv) {
        String s = new String(csv, StandardCharsets.UTF_8);
        if (s.startsWith("\uFEFF")) {
            s = s.substring(1);
        }
        return s.split("\r?\n");
    }
}
