package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.greenplan.ServerTestSupport;
import org.greenplan.indicator.service.IndicatorService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 12: parameters are normalised before the cache key, so spelling the same request differently
 * (numbers as 500, 500.0 or 5e2; a box as 119.9 or 119.90; padding around a target set) hits the one cached
 * run instead of computing again; unknown parameter names stay a 400 naming them.
 */
class IndicatorCacheKeyApiTest extends ServerTestSupport {

    @Autowired
    IndicatorService indicators;

    @Test
    void equivalentSpellingsShareOneCachedRunAndOneEtag() {
        String base = "/api/v1/indicators/park_service_coverage?layers=demo-residential,demo-park,demo-admin-area";
        List<String> same = List.of(
                base + "&bbox=119.90,30.30,120.0,30.5&largeParkRadius=600",
                base + "&bbox=119.9,30.3,120,30.50&largeParkRadius=600.0",
                base + "&bbox=1.199e2,3.03e1,1.2e2,30.5&largeParkRadius=6e2",
                base + "&bbox=+119.9,30.3,120.000,30.5&largeParkRadius=0600");
        Reply first = get(same.get(0));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String computedAt = first.json().path("computedAt").asString();
        int cached = indicators.cacheSize();
        for (String q : same) {
            Reply r = get(q);
            assertThat(r.status()).as(q + " " + r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("ETag").orElseThrow()).as(q).isEqualTo(etag);
            assertThat(r.json().path("computedAt").asString()).as(q).isEqualTo(computedAt);
            assertThat(get(q, "If-None-Match", etag).status()).as(q).isEqualTo(304);
        }
        assertThat(indicators.cacheSize()).isEqualTo(cached);

        String targets = base + "&targets=zhejiang-beautiful-towns&year=2025";
        String etagTargets = get(targets).headers().firstValue("ETag").orElseThrow();
        assertThat(get(base + "&targets=%20zhejiang-beautiful-towns%20&year=%202025").headers().firstValue("ETag")
                .orElseThrow()).isEqualTo(etagTargets);

        int beforeUnknown = indicators.cacheSize();
        Reply unknown = get(base + "&utm_source=" + System.nanoTime());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("field").asString()).isEqualTo("utm_source");
        assertThat(indicators.cacheSize()).isEqualTo(beforeUnknown);
    }
}
