package org.greenplan.indicator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every indicator the engine computes: its definition for the API, and a factory that turns an id and
 * raw parameters (e.g. from a query string) into a ready {@link Indicator}. Parameter specs live with
 * each indicator class, so the catalogue cannot drift from what the code validates.
 */
public final class IndicatorCatalogue {

    private record Entry(IndicatorDefinition definition, Function<Map<String, ?>, Indicator> factory) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add(new IndicatorDefinition(ParkServiceCoverage.ID, "公园绿地服务半径覆盖率", "Park service-radius coverage", "%",
                "Residential land within the service radius of a qualifying park ÷ all residential land × 100; overlapping "
                        + "service areas count once. Also residents covered ÷ residents. mode=network walks the streets (whole "
                        + "parcels; the default when a road layer exists), mode=euclidean buffers the park boundary.",
                "MOHURD 城市体检 2021 (≥5000 m² → 500 m, 2000–5000 m² → 300 m); GB/T 50563-2010; GB 55014-2021 2.1.3 (>80%)",
                List.of("residential", "park", "admin_area", "built_up_area", "road"), ParkServiceCoverage.PARAMETERS), ParkServiceCoverage::new);
        add(new IndicatorDefinition(GreenSpaceRatio.ID, "建成区绿地率", "Green space ratio of the built-up area", "%",
                "Green space (parks + other green space, dissolved) inside the 建成区 ÷ 建成区 area × 100.",
                "GB/T 50563-2010; 国家园林城市系列标准 (建城〔2016〕235号)",
                List.of("built_up_area", "park", "green_space", "admin_area"), GreenSpaceRatio.PARAMETERS), GreenSpaceRatio::new);
        add(new IndicatorDefinition(ParkAreaPerCapita.ID, "人均公园绿地面积", "Park area per capita", "m2/person",
                "Park area inside the 建成区 (dissolved) ÷ population (admin areas' population, else residential parcels').",
                "GB 55014-2021 2.1.4 (>8.0 m²/人); CJJ/T 85-2017",
                List.of("park", "built_up_area", "admin_area", "residential"), ParkAreaPerCapita.PARAMETERS), ParkAreaPerCapita::new);
        add(new IndicatorDefinition(GreenwayDensity.ID, "万人拥有绿道长度", "Greenway length per 10,000 people", "km/10k persons",
                "Greenway length (km, dissolved) ÷ population in 10,000s; km per level 区域级/城市级/社区级 alongside.",
                "绿道规划设计导则 (MOHURD 2016); 生态园林城市 assessment",
                List.of("greenway", "admin_area", "residential"), GreenwayDensity.PARAMETERS), GreenwayDensity::new);
        add(new IndicatorDefinition(SpongeCityShare.ID, "海绵城市建设达标面积比例", "Sponge-city compliant share", "%",
                "Built-up area inside sponge-compliant zones ÷ built-up area × 100; optionally only zones whose "
                        + "年径流总量控制率 reaches a threshold.",
                "GB/T 51345-2018 海绵城市建设评价标准; 国办发〔2015〕75号 (≥20% by 2020, ≥80% by 2030)",
                List.of("built_up_area", "sponge_zone", "admin_area"), SpongeCityShare.PARAMETERS), SpongeCityShare::new);
        add(new IndicatorDefinition(DevelopmentIntensity.ID, "国土开发强度", "Land development intensity", "%",
                "Construction land ÷ total land area (union of admin areas, else the area of interest) × 100.",
                "全国主体功能区规划 (国发〔2010〕46号); 国土空间规划",
                List.of("construction_land", "admin_area"), DevelopmentIntensity.PARAMETERS), DevelopmentIntensity::new);
        add(new IndicatorDefinition(ControlLineCheck.ID, "三区三线冲突检查", "Control-line conflicts", "%",
                "Construction and residential land overlapping 生态保护红线 or 永久基本农田, and construction land outside the "
                        + "城镇开发边界: areas, shares and pieces. Value = construction land in any conflict ÷ construction land × 100.",
                "市级/县级国土空间总体规划数据库规范 (MNR 2021 试行)",
                List.of("construction_land", "residential", "ecological_red_line", "permanent_farmland",
                        "town_development_boundary", "admin_area"), ControlLineCheck.PARAMETERS), ControlLineCheck::new);
        add(new IndicatorDefinition(LifeCircleCoverage.ID, "生活圈覆盖率", "Life-circle coverage", "%",
                "Share of residential land (and residents) reaching every required facility category of a level within its "
                        + "distance: walking along the road layer (mode=network, the default when a road layer exists) or "
                        + "straight-line from each parcel's interior point (mode=euclidean); per-category coverage and missing "
                        + "categories per parcel.",
                "GB 50180-2018 城市居住区规划设计标准 2.0.2–2.0.4 and Appendix B; TD/T 1062-2021",
                List.of("residential", "facility", "admin_area", "road"), LifeCircleCoverage.PARAMETERS), LifeCircleCoverage::new);
    }

    private IndicatorCatalogue() {
    }

    private static void add(IndicatorDefinition d, Function<Map<String, ?>, Indicator> factory) {
        ENTRIES.put(d.id(), new Entry(d, factory));
    }

    public static List<IndicatorDefinition> all() {
        return ENTRIES.values().stream().map(Entry::definition).toList();
    }

    public static Optional<IndicatorDefinition> definition(String id) {
        return Optional.ofNullable(ENTRIES.get(id)).map(Entry::definition);
    }

    /**
     * The indicator with these raw parameters (defaults for the missing ones).
     *
     * @throws NoSuchElementException    unknown id
     * @throws InvalidParameterException a parameter is unknown or out of range
     */
    public static Indicator create(String id, Map<String, ?> parameters) {
        Entry e = ENTRIES.get(id);
        if (e == null) {
            throw new NoSuchElementException("unknown indicator '" + id + "'; known: " + ENTRIES.keySet());
        }
        return e.factory().apply(parameters == null ? Map.of() : parameters);
    }
}
