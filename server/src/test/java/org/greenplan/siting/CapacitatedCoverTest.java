package org.greenplan.siting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The capacitated variant behind the same {@link SiteSelector} interface, on an instance worked out by hand: three
 * parcels of 100 residents (u0, u1, u2) and one of 50 an existing clinic already serves (u3); candidate A reaches u0
 * and u1, B reaches u1 and u2, C reaches u2; a new clinic serves at most 120 residents.
 * <pre>
 * one site:   A, B 120 each (capacity), C 100             → A (lowest index of the best), 50 + 120 = 170 of 350
 *             (without capacity A alone would serve 200)
 * two sites:  A+B: A takes u0 100 + u1 20, B u1 80 + u2 40 = 240; A+C: 120 + 100 = 220; B+C: 120 + 80 = 200
 *             → A, B: 50 + 240 = 290; curve 50, 170, 290   (without capacity A+C or A+B serve all 300)
 * three:      A u0 100 + u1 20, B u1 80 + u2 40, C u2 60 = 300 → everyone, 350 of 350
 * targets:    80 % = 280 → one site serves at most 170; of the pairs only A+B (290) reaches it → A, B;
 *             90 % = 315 → three sites; with at most two: out of reach, best 290
 * </pre>
 */
class CapacitatedCoverTest {

    private static final double EXACT = 1e-6; // CP-SAT's integer scaling: one part in 10⁹ of 300 per allocation

    private static CoverageProblem clinics() {
        return CoverageProblem.of(new double[] {100, 100, 100, 50}, new boolean[] {false, false, false, true},
                List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {2}));
    }

    private final CapacitatedCover solver = new CapacitatedCover(120, Duration.ofSeconds(10), 1);

    @Test
    void maximalCoveringUnderCapacityOnTheHandWorkedInstance() {
        CoverageProblem p = clinics();
        SitingPlan one = solver.maximize(p, 1);
        assertThat(one.chosen()).containsExactly(0);
        assertThat(one.served()).isCloseTo(170, within(EXACT));
        assertThat(one.proven()).isTrue();

        SitingPlan two = solver.maximize(p, 2);
        assertThat(two.chosen()).containsExactly(0, 1);
        assertThat(two.servedAfter()[0]).isCloseTo(50, within(EXACT));
        assertThat(two.servedAfter()[1]).isCloseTo(170, within(EXACT));
        assertThat(two.servedAfter()[2]).isCloseTo(290, within(EXACT));
        assertThat(two.solver()).isEqualTo("exact-capacitated");
        // the uncapacitated optimum of the same problem serves everyone with two sites: the capacity is what differs
        assertThat(new ExactCover(Duration.ofSeconds(10), 1).maximize(p, 2).served()).isCloseTo(350, within(EXACT));

        SitingPlan three = solver.maximize(p, 3);
        assertThat(three.chosen()).hasSize(3);
        assertThat(three.served()).isCloseTo(350, within(EXACT));
        assertThat(solver.servedBy(p, new int[] {0, 2})).isCloseTo(50 + 220, within(EXACT));
        assertThat(solver.servedBy(p, new int[] {1, 2})).isCloseTo(50 + 200, within(EXACT));
    }

    @Test
    void setCoveringUnderCapacityAndATargetOutOfReach() {
        CoverageProblem p = clinics();
        SitingPlan eighty = solver.reach(p, 0.80, 10);
        assertThat(eighty.chosen()).containsExactly(0, 1);
        assertThat(eighty.fewestPossible()).isEqualTo(2);
        assertThat(eighty.reaches(0.80)).isTrue();

        SitingPlan ninety = solver.reach(p, 0.90, 10);
        assertThat(ninety.chosen()).hasSize(3);
        assertThat(ninety.fewestPossible()).isEqualTo(3);

        SitingPlan capped = solver.reach(p, 0.90, 2);
        assertThat(capped.fewestPossible()).isEqualTo(SitingPlan.UNREACHABLE);
        assertThat(capped.reaches(0.90)).isFalse();
        assertThat(capped.served()).isCloseTo(290, within(EXACT));
    }

    /**
     * With a capacity no site can fill, the capacitated solver is the covering solver: on 8 random small instances
     * both serve the same optimum. With a tight capacity it never serves more than the uncapacitated optimum, nor more
     * than the sites' total capacity.
     */
    @Test
    void agreesWithTheUncapacitatedSolverWhenCapacityDoesNotBind() {
        Random rnd = new Random(7);
        ExactCover plain = new ExactCover(Duration.ofSeconds(10), 1);
        for (int run = 0; run < 8; run++) {
            int units = 3 + rnd.nextInt(8), candidates = 2 + rnd.nextInt(5);
            double[] w = new double[units];
            boolean[] served = new boolean[units];
            double total = 0;
            for (int u = 0; u < units; u++) {
                w[u] = 1 + rnd.nextInt(200);
                served[u] = rnd.nextInt(5) == 0;
                total += w[u];
            }
            java.util.List<int[]> covers = new java.util.ArrayList<>();
            for (int c = 0; c < candidates; c++) {
                covers.add(java.util.stream.IntStream.range(0, units).filter(u -> rnd.nextInt(3) == 0).toArray());
            }
            CoverageProblem p = CoverageProblem.of(w, served, covers);
            int k = 1 + rnd.nextInt(candidates);
            double optimum = plain.maximize(p, k).served();
            assertThat(new CapacitatedCover(total + 1, Duration.ofSeconds(10), 1).maximize(p, k).served())
                    .as("run %d", run).isCloseTo(optimum, within(EXACT));
            SitingPlan tight = new CapacitatedCover(50, Duration.ofSeconds(10), 1).maximize(p, k);
            assertThat(tight.served()).as("run %d", run).isLessThanOrEqualTo(optimum + EXACT)
                    .isLessThanOrEqualTo(p.alreadyServed() + 50 * tight.chosen().length + EXACT);
        }
    }

    @Test
    void aCapacityMustBePositive() {
        assertThatThrownBy(() -> new CapacitatedCover(0, Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
    }
}
