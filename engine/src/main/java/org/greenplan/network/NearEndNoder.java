package org.greenplan.network;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.chain.MonotoneChain;
import org.locationtech.jts.index.chain.MonotoneChainBuilder;
import org.locationtech.jts.index.chain.MonotoneChainSelectAction;
import org.locationtech.jts.index.hprtree.HPRtree;
import org.locationtech.jts.noding.SegmentString;
import org.locationtech.jts.noding.NodedSegmentString;

/**
 * Adds a node where a line ends within the tolerance of another line's middle: a T-junction digitised a
 * few centimetres short or long (or made inexact by reprojection), which exact noding misses. The node is
 * placed at the nearest point of the other line; vertex merging then joins it to the line end. JTS's
 * SnappingNoder does this too, but snaps every vertex and was 5× slower on a 500k-edge grid.
 */
final class NearEndNoder {

    private NearEndNoder() {
    }

    static void addNodes(List<SegmentString> lines, double tolerance) {
        HPRtree index = new HPRtree();
        for (int i = 0; i < lines.size(); i++) {
            for (Object mc : MonotoneChainBuilder.getChains(lines.get(i).getCoordinates(), i)) {
                index.insert(((MonotoneChain) mc).getEnvelope(), mc);
            }
        }
        index.build();
        for (int i = 0; i < lines.size(); i++) {
            Coordinate[] cs = lines.get(i).getCoordinates();
            addNodesNear(lines, index, i, cs[0], 0, tolerance);
            addNodesNear(lines, index, i, cs[cs.length - 1], cs.length - 2, tolerance);
        }
    }

    private static void addNodesNear(List<SegmentString> lines, HPRtree index, int line, Coordinate end,
            int ownSegment, double tolerance) {
        Envelope search = new Envelope(end);
        search.expandBy(tolerance);
        MonotoneChainSelectAction action = new MonotoneChainSelectAction() {
            @Override
            public void select(MonotoneChain mc, int segment) {
                int other = (Integer) mc.getContext();
                if (other == line && segment == ownSegment) {
                    return;
                }
                Coordinate[] cs = lines.get(other).getCoordinates();
                Coordinate a = cs[segment];
                Coordinate b = cs[segment + 1];
                double dx = b.x - a.x;
                double dy = b.y - a.y;
                double l2 = dx * dx + dy * dy;
                double t = l2 == 0 ? 0 : ((end.x - a.x) * dx + (end.y - a.y) * dy) / l2;
                if (t <= 0 || t >= 1) {
                    return; // nearest at a vertex: vertex merging handles it
                }
                Coordinate p = new Coordinate(a.x + t * dx, a.y + t * dy);
                if (p.distance(end) <= tolerance && p.distance(a) > tolerance && p.distance(b) > tolerance) {
                    ((NodedSegmentString) lines.get(other)).addIntersection(p, segment);
                }
            }
        };
        index.query(search, item -> ((MonotoneChain) item).select(search, action));
    }
}
