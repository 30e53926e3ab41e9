package org.greenplan.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/** Joining isochrone pieces into straight chains: which pieces join, and that nothing is added or lost. */
class StraightChainsTest {

    private static final GeometryFactory GF = new GeometryFactory();

    private static LineString line(double... xy) {
        Coordinate[] cs = new Coordinate[xy.length / 2];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
        }
        return GF.createLineString(cs);
    }

    @Test
    void aCrossingBecomesTwoStraightStreets() {
        // four arms of 100 m meeting at the origin, given in a scrambled order and direction
        List<LineString> arms = List.of(line(0, 0, 100, 0), line(0, 100, 0, 0), line(-100, 0, 0, 0), line(0, 0, 0, -100));
        List<LineString> chains = StraightChains.of(arms);
        assertThat(chains).hasSize(2);
        for (LineString c : chains) {
            assertThat(c.getLength()).isCloseTo(200, within(1e-9));
            // straight: its end points are 200 m apart
            assertThat(c.getStartPoint().distance(c.getEndPoint())).isCloseTo(200, within(1e-9));
        }
    }

    @Test
    void aCornerIsNotJoinedButAStraightRunIs() {
        List<LineString> corner = List.of(line(0, 0, 100, 0), line(100, 0, 100, 100));
        assertThat(StraightChains.of(corner)).hasSize(2);
        List<LineString> run = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // ten 50 m pieces along one street, drawn in alternating directions
            run.add(i % 2 == 0 ? line(i * 50, 0, i * 50 + 50, 0) : line(i * 50 + 50, 0, i * 50, 0));
        }
        List<LineString> one = StraightChains.of(run);
        assertThat(one).hasSize(1);
        assertThat(one.get(0).getLength()).isCloseTo(500, within(1e-9));
        assertThat(one.get(0).getStartPoint().distance(one.get(0).getEndPoint())).isCloseTo(500, within(1e-9));
    }

    @Test
    void aGridKeepsExactlyTheSameLinesAndBufferArea() {
        List<LineString> pieces = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            for (int j = 0; j < 10; j++) {
                pieces.add(line(i * 47, j * 47, i * 47, j * 47 + 47));
                pieces.add(line(j * 47, i * 47, j * 47 + 47, i * 47));
            }
        }
        pieces.add(line(5, 5, 5, 5)); // a point-like piece at the limit keeps its own buffer
        List<LineString> chains = StraightChains.of(pieces);
        assertThat(chains).hasSize(22 + 1);
        double pieceLength = pieces.stream().mapToDouble(LineString::getLength).sum();
        assertThat(chains.stream().mapToDouble(LineString::getLength).sum()).isCloseTo(pieceLength, within(1e-6));
        double before = UnaryUnionOp.union(pieces.stream().map(p -> p.buffer(20, 8)).toList()).getArea();
        double after = UnaryUnionOp.union(chains.stream().map(p -> p.buffer(20, 8)).toList()).getArea();
        assertThat(after).isCloseTo(before, within(before * 1e-6));
    }
}
