package org.greenplan.indicator;

import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Which park polygons are one park. A park drawn in pieces is measured as one: the parts of one multipolygon
 * are one feature already, and pieces bearing the same name that touch or lie within {@link #NEAR_M} of each
 * other (a path or a narrow street drawn between two halves of a park) join it, transitively. The size rules
 * of the service radius (≥ 5000 m² → 500 m …) then apply to the whole park's area, so a 6,000 m² park drawn as
 * two 3,000 m² pieces keeps the large-park radius. Pieces without a name stay on their own: nothing says they
 * belong together.
 */
final class ParkGroups {

    /** Gap (m) between same-name pieces still read as one park: a footpath or a lane between them. */
    static final double NEAR_M = 20;

    private ParkGroups() {
    }

    /** The area (m²) of the park each piece belongs to, in the order of {@code parks}. */
    @SuppressWarnings("unchecked")
    static double[] parkAreas(List<Projected> parks) {
        int n = parks.size();
        int[] parent = new int[n];
        STRtree tree = new STRtree();
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            if (name(parks.get(i)) != null) {
                tree.insert(parks.get(i).metres().getEnvelopeInternal(), i);
            }
        }
        tree.build();
        for (int i = 0; i < n; i++) {
            String name = name(parks.get(i));
            if (name == null) {
                continue;
            }
            Envelope e = new Envelope(parks.get(i).metres().getEnvelopeInternal());
            e.expandBy(NEAR_M);
            for (int j : (List<Integer>) tree.query(e)) {
                if (j > i && name.equals(name(parks.get(j)))
                        && parks.get(i).metres().isWithinDistance(parks.get(j).metres(), NEAR_M)) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        double[] groupArea = new double[n];
        for (int i = 0; i < n; i++) {
            groupArea[find(parent, i)] += parks.get(i).metres().getArea();
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = groupArea[find(parent, i)];
        }
        return out;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static String name(Projected p) {
        String name = p.feature().text("name");
        return name == null || name.isBlank() ? null : name.trim();
    }
}
