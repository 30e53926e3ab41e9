package org.greenplan.kind;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds of planning layer (DESIGN.md §2). A kind fixes the geometry a layer holds, the attributes the
 * indicators need from it, and its default map style, so the web page, the API and the engines agree.
 */
public enum LayerKind {
    ECOLOGICAL_RED_LINE("生态保护红线", "Ecological protection red line", GeometryFamily.POLYGON, List.of(),
            "control", Style.polygon("#2e7d32", "#66bb6a", 0.35)),
    PERMANENT_FARMLAND("永久基本农田", "Permanent basic farmland", GeometryFamily.POLYGON, List.of(),
            "control", Style.polygon("#b8860b", "#f0d264", 0.35)),
    TOWN_DEVELOPMENT_BOUNDARY("城镇开发边界", "Town development boundary", GeometryFamily.POLYGON, List.of(),
            "control", Style.outline("#c62828", 3, "8 6")),
    BUILT_UP_AREA("建成区", "Built-up area", GeometryFamily.POLYGON, List.of(),
            "base", Style.polygon("#757575", "#bdbdbd", 0.15)),
    ADMIN_AREA("行政区", "Administrative area", GeometryFamily.POLYGON, List.of("name", "code", "population"),
            "base", Style.outline("#5e35b1", 2, "4 4")),
    RESIDENTIAL("居住用地", "Residential land", GeometryFamily.POLYGON, List.of(),
            "living", Style.polygon("#e65100", "#ffb74d", 0.55)),
    PARK("公园绿地", "Park", GeometryFamily.POLYGON, List.of("name"),
            "green", Style.polygon("#1b5e20", "#43a047", 0.7)),
    /** Green space other than parks (protective, attached green) that counts for the 建成区绿地率. */
    GREEN_SPACE("其他绿地", "Other green space", GeometryFamily.POLYGON, List.of(),
            "green", Style.polygon("#33691e", "#9ccc65", 0.45)),
    GREENWAY("绿道", "Greenway", GeometryFamily.LINE, List.of(),
            "green", Style.line("#00c853", 4)),
    SPONGE_ZONE("海绵城市达标片区", "Sponge-city compliant zone", GeometryFamily.POLYGON, List.of(),
            "green", Style.polygon("#0277bd", "#4fc3f7", 0.3)),
    /** Forest land (林地, 乔木林地/竹林地/灌木林地 as the land survey counts it) for the 森林覆盖率. */
    FOREST("森林", "Forest", GeometryFamily.POLYGON, List.of(),
            "green", Style.polygon("#004d40", "#2e7d32", 0.45)),
    FACILITY("公共服务设施", "Public service facility", GeometryFamily.POINT, List.of("category"),
            "living", Style.point("#6a1b9a", "#ce93d8", 5)),
    ROAD("道路/步行网络", "Road / walking network", GeometryFamily.LINE, List.of(),
            "living", Style.line("#616161", 1.5)),
    /** Building footprints; {@code floors} (or {@code height}, 3 m a floor) spreads an area's population by floor area. */
    BUILDING("建筑", "Building", GeometryFamily.POLYGON, List.of(),
            "base", Style.polygon("#4e342e", "#a1887f", 0.5)),
    CONSTRUCTION_LAND("建设用地", "Construction land", GeometryFamily.POLYGON, List.of(),
            "base", Style.polygon("#8d6e63", "#d7ccc8", 0.35)),
    OTHER("其他", "Other", GeometryFamily.ANY, List.of(),
            "base", Style.polygon("#455a64", "#90a4ae", 0.3));

    private final String nameZh;
    private final String nameEn;
    private final GeometryFamily geometry;
    private final List<String> requiredAttributes;
    private final String group;
    private final Style style;

    LayerKind(String nameZh, String nameEn, GeometryFamily geometry, List<String> requiredAttributes,
            String group, Style style) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.geometry = geometry;
        this.requiredAttributes = requiredAttributes;
        this.group = group;
        this.style = style;
    }

    /** The API name, e.g. {@code ecological_red_line}. */
    public String id() {
        return name().toLowerCase();
    }

    public static Optional<LayerKind> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(k -> k.id().equals(id.trim().toLowerCase())).findFirst();
    }

    public static String allIds() {
        return String.join(", ", Arrays.stream(values()).map(LayerKind::id).toList());
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    /** "公园绿地 (Park)": how the map and the API label the kind. */
    public String label() {
        return nameZh + " (" + nameEn + ")";
    }

    public GeometryFamily geometry() {
        return geometry;
    }

    public List<String> requiredAttributes() {
        return requiredAttributes;
    }

    /** Where planners look for it: control (三区三线), green, living, base. */
    public String group() {
        return group;
    }

    public Style style() {
        return style;
    }

    /** Leaflet path/marker options; the web page applies them as they are. */
    public record Style(String color, String fillColor, double fillOpacity, double weight, String dashArray,
            double radius) {
        static Style polygon(String stroke, String fill, double fillOpacity) {
            return new Style(stroke, fill, fillOpacity, 1, null, 0);
        }

        static Style outline(String stroke, double weight, String dash) {
            return new Style(stroke, null, 0, weight, dash, 0);
        }

        static Style line(String stroke, double weight) {
            return new Style(stroke, null, 0, weight, null, 0);
        }

        static Style point(String stroke, String fill, double radius) {
            return new Style(stroke, fill, 0.9, 1, null, radius);
        }

        public Map<String, Object> asMap() {
            var m = new java.util.LinkedHashMap<String, Object>();
            m.put("color", color);
            if (fillColor != null) {
                m.put("fillColor", fillColor);
                m.put("fillOpacity", fillOpacity);
            } else {
                m.put("fill", false);
            }
            m.put("weight", weight);
            if (dashArray != null) {
                m.put("dashArray", dashArray);
            }
            if (radius > 0) {
                m.put("radius", radius);
            }
            return m;
        }
    }
}
