package org.greenplan.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.greenplan.scenario.Scenario;
import org.greenplan.scenario.ScenarioAdoption;

/**
 * A scenario (方案): id, name, revision (changes with every edit), who made it, when it was adopted (null while
 * open), and, for one scenario, whether the baseline moved under it ({@code baselineMoved}, {@code moved},
 * {@code conflicts}) and how many features it edits per layer.
 */
public record ScenarioResponse(long id, String workspace, String name, String description, long revision,
        String createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime adoptedAt,
        Boolean baselineMoved, List<ScenarioAdoption.MovedLayer> moved, List<ScenarioAdoption.Conflict> conflicts,
        Map<String, Long> editsByLayer, List<Link> links) {

    static ScenarioResponse of(Scenario s, ScenarioAdoption.Status status, WorkspaceScope scope) {
        String self = scope.api() + "/scenarios/" + s.id();
        String ogc = scope.ogc() + "/scenarios/" + s.id();
        return new ScenarioResponse(s.id(), s.workspace(), s.name(), s.description(), s.revision(), s.createdBy(),
                s.createdAt(), s.updatedAt(), s.adoptedAt(), status == null ? null : status.baselineMoved(),
                status == null ? null : status.moved(), status == null ? null : status.conflicts(),
                status == null ? null : status.editsByLayer(), List.of(
                        Links.link(self, "self", Links.JSON, "The scenario"),
                        Links.link(ogc + "/collections", "data", Links.JSON, "Its layers, edits included"),
                        Links.link(self + "/diff", "diff", Links.GEOJSON, "What it changes against the baseline"),
                        Links.link(scope.api() + "/indicators/{id}?scenario=" + s.id() + "&compare=baseline",
                                "indicators", Links.JSON, "An indicator on the scenario beside the baseline")));
    }

    /** The body of a create or rename. */
    public record Change(String name, String description) {
    }

    /** What an adoption published. */
    public record Adopted(ScenarioResponse scenario, List<ScenarioAdoption.PublishedLayer> published) {
    }

    /** What a rebase found: the layers that had moved and the features changed on both sides. */
    public record Rebased(ScenarioResponse scenario, List<ScenarioAdoption.MovedLayer> moved,
            List<ScenarioAdoption.Conflict> conflicts) {
    }

    /** What an undo took back (nothing when {@code undone} is false). */
    public record Undone(boolean undone, String layer, String featureId, long revision) {
    }
}
