package org.greenplan.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateList;
import org.locationtech.jts.geom.LineString;

/**
 * Joins street pieces that continue each other nearly straight through a shared end point into longer
 * lines, so an isochrone buffers and unions a few long streets instead of thousands of blocks. The
 * joined lines cover exactly the same points as the pieces (nothing is added or dropped), so their
 * buffer is the same area; only the number of union inputs changes.
 */
final class StraightChains {

    /** Ends are joined when the turn between them is at most ~37° (cosine of the angle between the two
     *  outgoing directions ≤ −0.8): straight-on through a junction, not round a corner. */
    private static final double MAX_COS = -0.8;

    private StraightChains() {
    }

    static List<LineString> of(List<LineString> pieces) {
        int n = pieces.size();
        if (n < 2) {
            return pieces;
        }
        // end k of piece i is 2i + k (k = 0 start, 1 end); link[end] = the end it continues into, or -1
        int[] link = new int[2 * n];
        Arrays.fill(link, -1);
        Map<Coordinate, List<Integer>> ends = new HashMap<>();
        for (int i = 0; i < n; i++) {
            LineString p = pieces.get(i);
            if (p.getNumPoints() < 2 || p.getLength() <= 0) {
                continue;
            }
            ends.computeIfAbsent(p.getCoordinateN(0), c -> new ArrayList<>(4)).add(2 * i);
            ends.computeIfAbsent(p.getCoordinateN(p.getNumPoints() - 1), c -> new ArrayList<>(4)).add(2 * i + 1);
        }
        for (List<Integer> at : ends.values()) {
            if (at.size() < 2) {
                continue;
            }
            // greedily pair the most opposite directions first
            List<double[]> pairs = new ArrayList<>(); // {cos, a, b}
            for (int x = 0; x < at.size(); x++) {
                for (int y = x + 1; y < at.size(); y++) {
                    int a = at.get(x), b = at.get(y);
                    if (a / 2 == b / 2) {
                        continue; // both ends of one piece (a loop): leave it alone
                    }
                    double cos = cosine(direction(pieces, a), direction(pieces, b));
                    if (cos <= MAX_COS) {
                        pairs.add(new double[] {cos, a, b});
                    }
                }
            }
            pairs.sort((p, q) -> Double.compare(p[0], q[0]));
            for (double[] pr : pairs) {
                int a = (int) pr[1], b = (int) pr[2];
                if (link[a] < 0 && link[b] < 0) {
                    link[a] = b;
                    link[b] = a;
                }
            }
        }
        List<LineString> out = new ArrayList<>();
        boolean[] used = new boolean[n];
        for (int i = 0; i < n; i++) {
            // start at a piece with a free end (cycles are handled below)
            if (!used[i] && (link[2 * i] < 0 || link[2 * i + 1] < 0)) {
                out.add(walk(pieces, link, used, i, link[2 * i] < 0 ? 0 : 1));
            }
        }
        for (int i = 0; i < n; i++) {
            if (!used[i]) { // a ring of straight pieces: cut it anywhere
                out.add(walk(pieces, link, used, i, 0));
            }
        }
        return out;
    }

    /** Follows links from piece i, entered at its end {@code from} (0: start), concatenating coordinates. */
    private static LineString walk(List<LineString> pieces, int[] link, boolean[] used, int i, int from) {
        CoordinateList cs = new CoordinateList();
        int piece = i, in = from;
        while (piece >= 0 && !used[piece]) {
            used[piece] = true;
            Coordinate[] c = pieces.get(piece).getCoordinates();
            if (in == 0) {
                cs.add(c, false);
            } else {
                for (int k = c.length - 1; k >= 0; k--) {
                    cs.add(c[k], false);
                }
            }
            int outEnd = 2 * piece + (1 - in);
            int next = link[outEnd];
            if (next < 0) {
                break;
            }
            piece = next / 2;
            in = next % 2;
        }
        if (cs.size() < 2) {
            cs.add(cs.get(0).copy(), true);
        }
        return pieces.get(i).getFactory().createLineString(cs.toCoordinateArray());
    }

    /** Unit direction leaving the piece at that end, towards its next distinct vertex. */
    private static double[] direction(List<LineString> pieces, int end) {
        LineString p = pieces.get(end / 2);
        int count = p.getNumPoints();
        boolean start = end % 2 == 0;
        Coordinate a = p.getCoordinateN(start ? 0 : count - 1);
        for (int k = 1; k < count; k++) {
            Coordinate b = p.getCoordinateN(start ? k : count - 1 - k);
            double dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy);
            if (len > 0) {
                return new double[] {dx / len, dy / len};
            }
        }
        return new double[] {0, 0};
    }

    private static double cosine(double[] u, double[] v) {
        return u[0] * v[0] + u[1] * v[1];
    }
}
