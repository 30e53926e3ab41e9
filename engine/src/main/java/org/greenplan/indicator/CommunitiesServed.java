package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Geometry;

/**
 * The share of communities served by a kind of facility, one rule for the community-coverage indicators of the
 * 美丽城镇 annex (003_b446952e8e6ef788.txt:144–146): a community is <em>served</em> when at least one facility of
 * the kind lies inside it (on its boundary counts), the reading of "覆盖" as "the community has one" — the text
 * defines no distance. Communities are the admin areas at village level (村级): a {@code level} attribute naming
 * 社区/居委会 (urban) or 村/村委会 (rural), else the 12-digit 统计用区划代码 in {@code code}, whose last three digits
 * are 001–199 for a 居民委员会 (urban community) and 200–399 for a 村民委员会 (国家统计局《统计用区划代码和城乡划分代码
 * 编制规则》); areas above that level (乡镇/街道, …000) are not communities.
 */
final class CommunitiesServed {

    enum Level { URBAN_COMMUNITY, VILLAGE, OTHER }

    private CommunitiesServed() {
    }

    /** The village-level unit an admin area is, from its {@code level} attribute, else its code. */
    static Level levelOf(Projected area) {
        String level = area.feature().text("level");
        if (level != null && !level.isBlank()) {
            String s = level.toLowerCase(Locale.ROOT);
            if (s.contains("社区") || s.contains("居委") || s.contains("community")) {
                return Level.URBAN_COMMUNITY;
            }
            if (s.contains("村") || s.contains("village")) {
                return Level.VILLAGE;
            }
            return Level.OTHER;
        }
        String code = area.feature().text("code");
        if (code == null || !code.trim().matches("\\d{12}")) {
            return Level.OTHER;
        }
        int village = Integer.parseInt(code.trim().substring(9));
        return village >= 1 && village <= 199 ? Level.URBAN_COMMUNITY
                : village >= 200 && village <= 399 ? Level.VILLAGE : Level.OTHER;
    }

    /**
     * The result: served communities ÷ communities × 100, each community a breakdown row (100 or 0), the unserved
     * ones as gaps and findings.
     */
    static IndicatorResult result(String id, Set<String> categories, Set<Level> levels, String what,
            MetricFrame frame, Layers layers, Parameters params) {
        List<Projected> communities = frame.polygons(layers.get(LayerKind.ADMIN_AREA)).stream()
                .filter(a -> levels.contains(levelOf(a))).toList();
        List<Projected> facilities = frame.points(layers.get(LayerKind.FACILITY)).stream()
                .filter(p -> categories.contains(p.feature().text("category"))).toList();
        AdminAreas admin = new AdminAreas(communities);
        List<AreaBreakdown> breakdown = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<Geometry> unserved = new ArrayList<>();
        int served = 0;
        for (AdminAreas.Area a : admin.list()) {
            long n = facilities.stream().filter(f -> a.prepared().covers(f.metres())).count();
            if (n > 0) {
                served++;
            } else {
                unserved.add(a.projected().metres());
                findings.add(new Finding("community_without_" + id.replace("_coverage", ""), a.id(),
                        a.projected().metres().getArea(), frame.toLonLat(a.projected().metres()),
                        Map.of("name", a.name() == null ? "" : a.name())));
            }
            breakdown.add(new AreaBreakdown(a.id(), a.name(), n > 0 ? 100 : 0, n > 0 ? 1 : 0, 1, List.of()));
        }
        List<String> notes = new ArrayList<>();
        notes.add("Served = at least one " + what + " (facility category " + String.join(" / ", categories)
                + ") inside the community; counted per community, not by area or residents.");
        if (communities.isEmpty()) {
            notes.add("No admin area at community level (level attribute 社区/村, or a 12-digit code ending 001–"
                    + (levels.contains(Level.VILLAGE) ? "399" : "199") + "): no communities to count, "
                    + IndicatorResult.NO_VALUE);
        }
        Geometry gaps = unserved.isEmpty() ? MetricFrame.emptyPolygon()
                : org.locationtech.jts.operation.union.UnaryUnionOp.union(unserved);
        return new IndicatorResult(id, Tally.ratio(served, communities.size(), 100), "%", served, communities.size(),
                List.of(), breakdown, frame.toLonLat(gaps), findings, params.asMap(), notes, frame.epsg());
    }
}
