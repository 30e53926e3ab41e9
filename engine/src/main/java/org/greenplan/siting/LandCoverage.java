package org.greenplan.siting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.overlayng.OverlayNG;

/**
 * A covering problem whose demand is land, exactly: the land left unserved in each parcel is cut by the
 * candidates' service areas into faces (the arrangement), each face knowing which candidates serve it. A plan then
 * serves exactly the area of the remaining land inside the union of its sites' service areas, the same quantity an
 * area indicator recomputes on the plan (no sampling, unlike {@link DemandGrid}: its precision is the overlay's).
 * Parcels lie mostly wholly inside or outside a service area, which a prepared predicate settles without an
 * overlay; only parcels on the rim of a service area are cut.
 */
public final class LandCoverage {

    private LandCoverage() {
    }

    /** One face: its weight and the candidates serving it (ascending). */
    private record Face(Geometry geometry, double weight, int[] servers) {
    }

    /**
     * @param remaining      per parcel, the land no existing site serves (metres; empty when wholly served)
     * @param weightPerM2    per parcel, the weight of a m² (1 for land, residents per m² for residents)
     * @param alreadyServed  the weight existing sites serve (the indicator's numerator today)
     * @param total          the weight of all demand (the indicator's denominator)
     * @param candidateAreas per candidate, the ground it would serve (metres, same frame; empty = none)
     */
    public static CoverageProblem build(List<Geometry> remaining, double[] weightPerM2, double alreadyServed,
            double total, List<Geometry> candidateAreas) {
        if (weightPerM2.length != remaining.size()) {
            throw new IllegalArgumentException(weightPerM2.length + " weights for " + remaining.size() + " parcels");
        }
        STRtree index = new STRtree();
        List<PreparedGeometry> prepared = new ArrayList<>(candidateAreas.size());
        for (int c = 0; c < candidateAreas.size(); c++) {
            Geometry a = polygonal(candidateAreas.get(c));
            prepared.add(a.isEmpty() ? null : PreparedGeometryFactory.prepare(a));
            if (!a.isEmpty()) {
                index.insert(a.getEnvelopeInternal(), c);
            }
        }
        index.build(); // before sharing between threads
        List<List<Face>> perParcel = IntStream.range(0, remaining.size()).parallel()
                .mapToObj(i -> faces(polygonal(remaining.get(i)), weightPerM2[i], index, prepared)).toList();
        List<Double> weights = new ArrayList<>();
        List<List<Integer>> byCandidate = new ArrayList<>();
        for (int c = 0; c < candidateAreas.size(); c++) {
            byCandidate.add(new ArrayList<>());
        }
        double movable = 0;
        for (List<Face> faces : perParcel) {
            for (Face f : faces) {
                int unit = weights.size();
                weights.add(f.weight());
                movable += f.weight();
                for (int c : f.servers()) {
                    byCandidate.get(c).add(unit);
                }
            }
        }
        // two more units: what existing sites serve (fixed), and the rest no candidate reaches
        int n = weights.size();
        double[] w = new double[n + 2];
        boolean[] served = new boolean[n + 2];
        for (int u = 0; u < n; u++) {
            w[u] = weights.get(u);
        }
        w[n] = alreadyServed;
        served[n] = true;
        w[n + 1] = Math.max(0, total - alreadyServed - movable);
        List<int[]> covers = byCandidate.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList();
        return CoverageProblem.of(w, served, covers);
    }

    /** The faces of one parcel's remaining land that some candidate serves. */
    @SuppressWarnings("unchecked")
    private static List<Face> faces(Geometry rest, double weightPerM2, STRtree index, List<PreparedGeometry> prepared) {
        if (rest.isEmpty() || !(rest.getArea() > 0)) {
            return List.of();
        }
        List<Integer> near = new ArrayList<>((List<Integer>) index.query(rest.getEnvelopeInternal()));
        near.sort(null);
        List<Face> faces = new ArrayList<>();
        faces.add(new Face(rest, 0, new int[0]));
        for (int c : near) {
            PreparedGeometry area = prepared.get(c);
            if (area.covers(rest)) {
                faces.replaceAll(f -> new Face(f.geometry(), 0, plus(f.servers(), c)));
                continue;
            }
            if (!area.intersects(rest)) {
                continue;
            }
            List<Face> next = new ArrayList<>(faces.size() + 2);
            for (Face f : faces) {
                if (area.covers(f.geometry())) {
                    next.add(new Face(f.geometry(), 0, plus(f.servers(), c)));
                } else if (!area.intersects(f.geometry())) {
                    next.add(f);
                } else {
                    Geometry in = polygonal(OverlayNGRobust.overlay(f.geometry(), area.getGeometry(), OverlayNG.INTERSECTION));
                    Geometry out = polygonal(OverlayNGRobust.overlay(f.geometry(), area.getGeometry(), OverlayNG.DIFFERENCE));
                    if (!in.isEmpty() && in.getArea() > 0) {
                        next.add(new Face(in, 0, plus(f.servers(), c)));
                    }
                    if (!out.isEmpty() && out.getArea() > 0) {
                        next.add(new Face(out, 0, f.servers()));
                    }
                }
            }
            faces = next;
        }
        List<Face> served = new ArrayList<>();
        for (Face f : faces) {
            if (f.servers().length > 0) {
                served.add(new Face(null, f.geometry().getArea() * weightPerM2, f.servers()));
            }
        }
        return served;
    }

    /** The polygons of a geometry: overlays and unions may leave stray lines or points beside them. */
    static Geometry polygonal(Geometry g) {
        if (g instanceof org.locationtech.jts.geom.Polygonal) {
            return g;
        }
        return g.getFactory().buildGeometry(org.locationtech.jts.geom.util.PolygonExtracter.getPolygons(g));
    }

    private static int[] plus(int[] servers, int c) {
        int[] out = Arrays.copyOf(servers, servers.length + 1);
        out[servers.length] = c;
        return out;
    }
}
