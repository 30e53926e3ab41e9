package org.greenplan.limits;

import static org.greenplan.SettingChecks.atLeast;
import static org.greenplan.SettingChecks.require;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.unit.DataSize;

/**
 * {@code greenplan.limits.*}: body sizes of JSON endpoints and the multipart margin of uploads, caps on
 * submitted vertices and list entries, and the bulkheads: computations of each kind at once, the queue
 * behind them, how long a request waits and the Retry-After of a refusal.
 */
@ConfigurationProperties("greenplan.limits")
public record LimitsProperties(@DefaultValue("1MB") DataSize jsonBody, @DefaultValue("1MB") DataSize multipartMargin,
        @DefaultValue("20000") int maxSiteVertices, @DefaultValue("50") int maxListEntries,
        @DefaultValue Concurrent concurrent, @DefaultValue("16") int queue, @Name("wait") @DefaultValue("30s") Duration queueWait,
        @DefaultValue("5s") Duration retryAfter) {

    /** {@code greenplan.limits.concurrent.*}: how many of each kind run at once (defaults for 2 cores). */
    public record Concurrent(@DefaultValue("2") int controlLineCheck, @DefaultValue("2") int indicator,
            @DefaultValue("2") int isochrone, @DefaultValue("2") int export, @DefaultValue("1") int walkGraphBuild) {

        public Concurrent {
            atLeast(1, "greenplan.limits.concurrent.control-line-check", controlLineCheck);
            atLeast(1, "greenplan.limits.concurrent.indicator", indicator);
            atLeast(1, "greenplan.limits.concurrent.isochrone", isochrone);
            atLeast(1, "greenplan.limits.concurrent.export", export);
            atLeast(1, "greenplan.limits.concurrent.walk-graph-build", walkGraphBuild);
        }

        int of(Bulkheads.Kind kind) {
            return switch (kind) {
                case CONTROL_LINE_CHECK -> controlLineCheck;
                case INDICATOR -> indicator;
                case ISOCHRONE -> isochrone;
                case EXPORT -> export;
                case WALK_GRAPH_BUILD -> walkGraphBuild;
            };
        }
    }

    public LimitsProperties {
        require(jsonBody.toBytes() > 0, "greenplan.limits.json-body", jsonBody, "must be positive");
        require(multipartMargin.toBytes() >= 0, "greenplan.limits.multipart-margin", multipartMargin,
                "must not be negative");
        atLeast(3, "greenplan.limits.max-site-vertices", maxSiteVertices);
        atLeast(1, "greenplan.limits.max-list-entries", maxListEntries);
        atLeast(0, "greenplan.limits.queue", queue);
        require(!queueWait.isNegative(), "greenplan.limits.wait", queueWait, "must not be negative");
        require(!retryAfter.isNegative(), "greenplan.limits.retry-after", retryAfter, "must not be negative");
    }
}
