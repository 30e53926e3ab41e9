package org.greenplan.demo;

/** The demo layers, in manifest order; kinds and attribute names are the ones the server's engines read. */
enum Layer {
    ADMIN_AREA("行政区划 (Admin areas)", "adm"),
    BUILT_UP_AREA("建成区 (Built-up area)", "bua"),
    TOWN_DEVELOPMENT_BOUNDARY("城镇开发边界 (Town development boundary)", "tdb"),
    ECOLOGICAL_RED_LINE("生态保护红线 (Ecological red lines)", "erl"),
    PERMANENT_FARMLAND("永久基本农田 (Permanent farmland)", "pfl"),
    RESIDENTIAL("居住用地 (Residential parcels)", "res"),
    PARK("公园绿地 (Parks)", "park"),
    GREEN_SPACE("附属绿地 (Other green space)", "gs"),
    GREENWAY("绿道 (Greenways)", "gw"),
    SPONGE_ZONE("海绵城市达标片区 (Sponge-city zones)", "sz"),
    FACILITY("公共服务设施 (Public facilities)", "fac"),
    ROAD("道路 (Roads)", "road"),
    CONSTRUCTION_LAND("建设用地 (Construction land)", "cl");

    final String title;
    /** Short feature-id prefix, so ids stay readable in logs and URLs. */
    final String prefix;

    Layer(String title, String prefix) {
        this.title = title;
        this.prefix = prefix;
    }

    String kind() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    String id() {
        return "demo-" + kind().replace('_', '-');
    }

    String file() {
        return kind() + ".geojson";
    }
}
