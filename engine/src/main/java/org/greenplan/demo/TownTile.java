package org.greenplan.demo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.CascadedPolygonUnion;

/**
 * One town of the city, planned completely and held in GK metres until written: the street grid first,
 * then blocks, parks and zoning, the development boundary drawn around the town blocks, the countryside
 * around it, and finally the layers as features.
 */
final class TownTile {

    /** A construction-land feature placed to break a control line (listed in the README). */
    record Conflict(String id, String landUse, String breach) {
    }

    final int tx;
    final int ty;
    final Envelope extent;
    final Map<Layer, List<DemoFeature>> layers = new EnumMap<>(Layer.class);
    final List<Conflict> conflicts = new ArrayList<>();
    /** Kept for tests: the water the streets must not cross except on bridges. */
    final Polygon river;

    private TownTile(CityLayout city, int tx, int ty) {
        this.tx = tx;
        this.ty = ty;
        this.extent = city.tile(tx, ty);
        for (Layer l : Layer.values()) {
            layers.put(l, new ArrayList<>());
        }
        int tileIndex = ty * city.columns + tx;
        String town = tileIndex == 0 ? "示范镇" : "示范镇" + (tileIndex + 1) + "片";
        SplittableRandom rnd = new SplittableRandom(city.streamSeed(tx, ty, 0));

        River water = new River(city, ty, extent);
        this.river = water.strip;
        TownCore core = new TownCore(city, tx, ty, extent);
        StreetGrid grid = new StreetGrid(city, tx, ty, core, water);
        LandUsePlan plan = new LandUsePlan(grid);
        ParkPlacement parks = new ParkPlacement(plan, grid, rnd);
        parks.placeParkBlocks();
        plan.zone(rnd, core.centre());
        parks.placePocketParks();
        plazaPaths(plan, grid, rnd);
        List<Parcel> parcels = plan.parcels(rnd);

        Geometry boundary = developmentBoundary(plan, water, core);
        Geometry builtUp = Geo.areas(boundary.buffer(-40), 50_000);
        Countryside country = new Countryside(grid, water, boundary, extent, rnd);
        List<FacilityPlacement.Facility> facilities = FacilityPlacement.place(plan, grid, core.centre(),
                new SplittableRandom(city.streamSeed(tx, ty, 2)));
        List<AdminDivision.AdminArea> admin = AdminDivision.divide(extent, boundary, tileIndex, rnd);
        List<SpongeZones.Zone> sponge = SpongeZones.place(builtUp, extent, town, rnd);
        List<Greenways.Greenway> greenways = Greenways.place(water, boundary, grid, extent, rnd);
        List<GreenSpace.Patch> green = GreenSpace.place(plan, parcels);

        add(Layer.TOWN_DEVELOPMENT_BOUNDARY, boundary, "name", town + "城镇开发边界");
        add(Layer.BUILT_UP_AREA, builtUp, "name", town + "建成区");
        for (Countryside.RedLine r : country.redLines) {
            add(Layer.ECOLOGICAL_RED_LINE, r.area(), "name", r.name(), "type", r.type());
        }
        for (Countryside.Farmland f : country.farmland) {
            add(Layer.PERMANENT_FARMLAND, f.area(), "name", f.name(), "grade", f.grade());
        }
        List<Parcel> allHousing = new ArrayList<>();
        List<String> housingNames = new ArrayList<>();
        for (Parcel p : parcels) {
            allHousing.add(p);
            housingNames.add(Names.pick(Names.ESTATE_WORDS, rnd.nextDouble()) + Names.pick(Names.ESTATE_SUFFIX, rnd.nextDouble()));
        }
        for (Countryside.Village v : country.villages) {
            for (Polygon h : v.housing()) {
                allHousing.add(Parcel.housing(h, rnd));
                housingNames.add(v.name().replace("村", "") + "新村");
            }
        }
        for (int k = 0; k < allHousing.size(); k++) {
            Parcel p = allHousing.get(k);
            add(Layer.RESIDENTIAL, p.area(), "name", housingNames.get(k), "population", p.population(),
                    "households", p.households(), "land_use_code", p.landUseCode());
        }
        for (ParkPlacement.Park p : parks.parks) {
            add(Layer.PARK, p.area(), "name", p.name(), "class", p.parkClass(), "area_m2", Math.round(p.area().getArea()));
        }
        for (GreenSpace.Patch g : green) {
            add(Layer.GREEN_SPACE, g.area(), "name", g.name(), "type", g.type());
        }
        for (Greenways.Greenway g : greenways) {
            add(Layer.GREENWAY, g.line(), "name", g.name(), "level", g.level());
        }
        for (SpongeZones.Zone z : sponge) {
            add(Layer.SPONGE_ZONE, z.area(), "name", z.name(), "runoff_control_rate", z.runoffControlRate());
        }
        for (FacilityPlacement.Facility f : facilities) {
            add(Layer.FACILITY, f.location(), "name", f.name(), "category", f.category());
        }
        for (RoadEdge e : grid.edges) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("name", e.name);
            props.put("class", e.roadClass);
            if (e.bridge) {
                props.put("bridge", "yes");
            }
            props.put("layer", e.layer);
            addWith(Layer.ROAD, e.line(), props);
        }
        constructionLand(plan, parks, country);
        for (AdminDivision.AdminArea a : admin) {
            int population = 0;
            for (Parcel p : allHousing) {
                Coordinate c = p.area().getCentroid().getCoordinate();
                if (a.holds(c.x, c.y)) {
                    population += p.population();
                }
            }
            add(Layer.ADMIN_AREA, a.area(), "name", a.name(), "code", a.code(), "population", population);
        }
    }

    static TownTile build(CityLayout city, int tx, int ty) {
        return new TownTile(city, tx, ty);
    }

    /** Public and commercial blocks are pedestrian plazas crossed by footpaths. */
    private static void plazaPaths(LandUsePlan plan, StreetGrid grid, SplittableRandom rnd) {
        for (Block b : plan.blocks) {
            if (b.use == Block.Use.PUBLIC || b.use == Block.Use.COMMERCIAL) {
                ParkPlacement.crossPaths(grid, b, Names.pick(Names.STREET_WORDS, rnd.nextDouble()) + "广场步道");
            }
        }
    }

    /**
     * The boundary encloses the town blocks and the river reach between them, with a 20 m margin so the
     * streets on its edge are inside. Holes are filled: a boundary does not exclude enclaves here.
     */
    private static Geometry developmentBoundary(LandUsePlan plan, River water, TownCore core) {
        List<Geometry> parts = new ArrayList<>();
        for (Block b : plan.blocks) {
            parts.add(b.quad);
        }
        parts.add(water.strip.intersection(core.outline()).buffer(60).intersection(core.outline()));
        Geometry merged = CascadedPolygonUnion.union(parts).buffer(20, 2);
        List<Geometry> shells = new ArrayList<>();
        Geometry big = Geo.areas(merged, 50_000);
        for (int k = 0; k < big.getNumGeometries(); k++) {
            shells.add(Geo.GF.createPolygon(((Polygon) big.getGeometryN(k)).getExteriorRing().getCoordinates()));
        }
        return Geo.areas(CascadedPolygonUnion.union(shells), 50_000);
    }

    private void constructionLand(LandUsePlan plan, ParkPlacement parks, Countryside country) {
        for (Block b : plan.blocks) {
            if (b.use == Block.Use.PARK) {
                continue;
            }
            add(Layer.CONSTRUCTION_LAND, b.buildable(), "land_use", b.use == Block.Use.ROAD ? "road" : b.use.name().toLowerCase());
        }
        List<Polygon> parkPatches = new ArrayList<>();
        for (ParkPlacement.Park p : parks.parks) {
            if (!p.parkClass().equals("口袋公园") && !p.parkClass().equals("游园")) {
                parkPatches.add(p.area());
            }
        }
        add(Layer.CONSTRUCTION_LAND, plan.roadLand(parkPatches), "land_use", "road");
        for (Countryside.Village v : country.villages) {
            add(Layer.CONSTRUCTION_LAND, v.area(), "land_use", "village");
        }
        for (Countryside.Conflict c : country.conflicts) {
            String id = add(Layer.CONSTRUCTION_LAND, c.area(), "land_use", c.landUse());
            conflicts.add(new Conflict(id, c.landUse(), c.breach()));
        }
    }

    private String add(Layer layer, Geometry g, Object... keyValues) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (int k = 0; k < keyValues.length; k += 2) {
            props.put((String) keyValues[k], keyValues[k + 1]);
        }
        return addWith(layer, g, props);
    }

    private String addWith(Layer layer, Geometry g, Map<String, Object> props) {
        List<DemoFeature> list = layers.get(layer);
        String id = layer.prefix + "-" + tx + "-" + ty + "-" + (list.size() + 1);
        Geometry shaped = g;
        if (g instanceof Polygon p) {
            shaped = Geo.GF.createMultiPolygon(new Polygon[] {p});
        }
        list.add(new DemoFeature(id, shaped, props));
        return id;
    }
}
