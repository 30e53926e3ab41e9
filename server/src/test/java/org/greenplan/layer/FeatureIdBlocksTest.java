package org.greenplan.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/**
 * Feature ids come in blocks (Flyway V22): an import takes one block and numbers its features by their
 * place in the file. Blocks taken at the same time must never overlap, nor overlap ids taken afterwards.
 */
class FeatureIdBlocksTest extends ServerTestSupport {

    @Test
    void blocksTakenConcurrentlyNeverOverlap() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<long[]>>> taken = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long seed = t;
            taken.add(pool.submit(() -> {
                Random random = new Random(seed);
                List<long[]> blocks = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    long n = 1 + random.nextInt(5000);
                    long first = jdbc.queryForObject("SELECT reserve_feature_ids(?)", Long.class, n);
                    blocks.add(new long[] {first, first + n});
                }
                return blocks;
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<List<long[]>> f : taken) {
            all.addAll(f.get());
        }
        pool.shutdown();
        all.sort(Comparator.comparingLong(b -> b[0]));
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i)[0]).as("block %d starts after block %d ends", i, i - 1)
                    .isGreaterThanOrEqualTo(all.get(i - 1)[1]);
        }
        long next = jdbc.queryForObject("SELECT reserve_feature_ids(1)", Long.class);
        assertThat(next).isGreaterThanOrEqualTo(all.get(all.size() - 1)[1]);
    }

    @Test
    void anEmptyBlockIsRefusedAndFeaturesHaveNoIdOfTheirOwn() {
        assertThatThrownBy(() -> jdbc.queryForObject("SELECT reserve_feature_ids(0)", Long.class))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("at least one id");
        // a writer that forgets to take a block fails instead of drawing ids a block may have given out
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM pg_attribute WHERE attrelid = 'feature'::regclass AND attname = 'id' AND atthasdef
                """, Long.class)).isZero();
    }
}
