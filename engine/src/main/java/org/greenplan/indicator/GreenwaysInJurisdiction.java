package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * The greenways that count for the jurisdiction, one rule for the length and the density: lines clipped to the
 * admin areas (greenways running on beyond them are not the jurisdiction's) and dissolved so a stretch digitised
 * twice counts once, with the km per level (区域级 / 城市级 / 社区级, from the {@code level} attribute) and per
 * admin area.
 */
final class GreenwaysInJurisdiction {

    static final String UNGRADED = "未分级";

    /** Dissolved km inside the jurisdiction. */
    final double km;
    /** km drawn outside the admin areas, not counted. */
    final double outsideKm;
    /** km per admin area, by {@link AdminAreas.Area#index()}. */
    final double[] kmPerArea;
    /** Whether admin areas were given (else greenways count wherever they run). */
    final boolean clipped;
    private final Map<String, Double> kmByLevel = new LinkedHashMap<>();

    GreenwaysInJurisdiction(List<Projected> greenways, List<Projected> adminAreas, AdminAreas admin) {
        Map<String, List<Geometry>> byLevel = new LinkedHashMap<>();
        for (String level : List.of("区域级", "城市级", "社区级")) {
            byLevel.put(level, new ArrayList<>());
        }
        Geometry jurisdiction = adminAreas.isEmpty() ? null : MetricFrame.union(adminAreas);
        clipped = jurisdiction != null;
        List<Geometry> inside = new ArrayList<>();
        double outside = 0;
        for (Projected g : greenways) {
            Geometry in = jurisdiction == null ? g.metres() : Overlay.intersection(g.metres(), jurisdiction);
            outside += (g.metres().getLength() - in.getLength()) / 1000;
            if (!in.isEmpty()) {
                inside.add(in);
                byLevel.computeIfAbsent(level(g.feature().text("level")), k -> new ArrayList<>()).add(in);
            }
        }
        outsideKm = outside;
        Geometry all = UnaryUnionOp.union(inside);
        km = all == null ? 0 : all.getLength() / 1000;
        byLevel.forEach((level, lines) -> {
            Geometry u = lines.isEmpty() ? null : UnaryUnionOp.union(lines);
            if (!lines.isEmpty() || !level.equals(UNGRADED)) {
                kmByLevel.put(level, u == null ? 0 : u.getLength() / 1000);
            }
        });
        kmPerArea = new double[admin.size()];
        if (all != null && !all.isEmpty()) {
            admin.split(all, null, (a, part, none) -> kmPerArea[a.index()] += part.getLength() / 1000);
        }
    }

    /** The measures {@code length_km.<level>} (the ungraded level only when some greenway has no grade). */
    List<Measure> levelMeasures() {
        List<Measure> out = new ArrayList<>();
        kmByLevel.forEach((level, levelKm) -> out.add(new Measure("length_km." + level, levelKm, "km", levelKm, 1)));
        return out;
    }

    /** What was counted, for the result's notes. */
    String clippingNote() {
        return clipped ? String.format(Locale.ROOT, "Greenways clipped to the admin areas (the jurisdiction): %.2f km "
                + "drawn outside them not counted.", outsideKm)
                : "No admin areas given: greenways counted wherever they run.";
    }

    /** Normalises the grade as it comes from different tables (区域级 / 区域 / regional ...). */
    static String level(String raw) {
        if (raw == null) {
            return UNGRADED;
        }
        String s = raw.toLowerCase(Locale.ROOT);
        if (s.contains("区域") || s.contains("region")) {
            return "区域级";
        }
        if (s.contains("城市") || s.contains("city") || s.contains("urban")) {
            return "城市级";
        }
        if (s.contains("社区") || s.contains("community")) {
            return "社区级";
        }
        return UNGRADED;
    }
}
