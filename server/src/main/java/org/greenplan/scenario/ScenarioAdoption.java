package org.greenplan.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerPublisher;
import org.greenplan.layer.LayerPublisher.Published;
import org.greenplan.layer.LayerRepository;
import org.greenplan.layer.LayerVersion;
import org.greenplan.scenario.ScenarioRepository.EditRow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where a scenario meets the baseline again: whether the baseline moved since it branched ({@link #status}),
 * rebasing its edits onto the newer versions ({@link #rebase}) and adopting it ({@link #adopt}): every edited
 * layer published as a new version through {@link LayerPublisher}, all in one transaction, so either every layer
 * moves or none does.
 */
@Service
public class ScenarioAdoption {

    private final ScenarioService scenarios;
    private final ScenarioRepository repo;
    private final LayerRepository layers;
    private final LayerPublisher publisher;
    private final TransactionTemplate tx;

    public ScenarioAdoption(ScenarioService scenarios, ScenarioRepository repo, LayerRepository layers,
            LayerPublisher publisher, TransactionTemplate tx) {
        this.scenarios = scenarios;
        this.repo = repo;
        this.layers = layers;
        this.publisher = publisher;
        this.tx = tx;
    }

    /** A layer whose current version is not the one the scenario pinned. */
    public record MovedLayer(String layerId, int pinnedVersion, Integer currentVersion) {
    }

    /** A feature the scenario edits that the baseline changed (or removed) too since the scenario branched. */
    public record Conflict(String layerId, String featureId, String reason) {
    }

    /** What the scenario holds and whether the baseline moved under it. */
    public record Status(List<MovedLayer> moved, List<Conflict> conflicts, Map<String, Long> editsByLayer) {
        public boolean baselineMoved() {
            return !moved.isEmpty();
        }
    }

    public Status status(String ws, long id) {
        Scenario sc = scenarios.get(ws, id);
        return status(sc);
    }

    private Status status(Scenario sc) {
        List<MovedLayer> moved = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        List<EditRow> edits = repo.edits(sc.id());
        edits.forEach(e -> counts.merge(e.layerId(), 1L, Long::sum));
        for (Map.Entry<String, Long> pin : repo.pins(sc.id()).entrySet()) {
            Layer l = layers.find(sc.workspace(), pin.getKey()).orElse(null);
            Long current = l == null || l.current() == null ? null : l.current().id();
            if (current != null && current.longValue() == pin.getValue()) {
                continue;
            }
            int pinned = scenarios.version(sc.workspace(), pin.getKey(), pin.getValue()).map(LayerVersion::version)
                    .orElse(0);
            moved.add(new MovedLayer(pin.getKey(), pinned, l == null || l.current() == null ? null
                    : l.current().version()));
            if (current == null) {
                continue;
            }
            List<EditRow> onLayer = edits.stream().filter(e -> e.layerId().equals(pin.getKey()) && !e.added()).toList();
            Map<String, String> now = repo.hashes(current, onLayer.stream().map(EditRow::key).toArray(String[]::new));
            for (EditRow e : onLayer) {
                String h = now.get(e.key());
                if (h == null && !e.deleted()) {
                    conflicts.add(new Conflict(e.layerId(), e.key(), "removed from the baseline, changed in the scenario"));
                } else if (h != null && !h.equals(e.baseHash())) {
                    conflicts.add(new Conflict(e.layerId(), e.key(), e.deleted()
                            ? "changed in the baseline, deleted in the scenario" : "changed in both"));
                }
            }
        }
        return new Status(moved, conflicts, counts);
    }

    /** The outcome of a rebase: the layers that had moved, and the conflicts (the scenario's edit was kept). */
    public record Rebased(Scenario scenario, List<MovedLayer> moved, List<Conflict> conflicts) {
    }

    /**
     * Replays the edits on the layers' current versions: each edit of a baseline feature now refers to the
     * feature of the same key in the newer version. Where the baseline changed that feature too, the scenario's
     * edit is kept and the conflict listed; a deletion of a feature the baseline removed as well is dropped.
     */
    public Rebased rebase(String ws, long id) {
        return tx.execute(s -> {
            Scenario sc = scenarios.locked(ws, id);
            Status before = status(sc);
            for (MovedLayer m : before.moved()) {
                Layer l = layers.find(ws, m.layerId()).orElse(null);
                if (l == null || l.current() == null) {
                    continue;
                }
                for (EditRow e : repo.edits(sc.id(), m.layerId())) {
                    if (e.added()) {
                        continue;
                    }
                    var now = repo.baseFeature(l.current().id(), e.key());
                    if (now.isEmpty() && e.deleted()) {
                        repo.dropEdit(sc.id(), e.layerId(), e.key());
                    } else {
                        repo.rebaseEdit(sc.id(), e.layerId(), e.key(), now.map(ScenarioRepository.BaseFeature::id)
                                .orElse(null), now.map(ScenarioRepository.BaseFeature::hash).orElse(null));
                    }
                }
            }
            repo.pinCurrent(sc.id(), ws);
            repo.clearUndo(sc.id());
            repo.bump(sc.id());
            return new Rebased(scenarios.get(ws, id), before.moved(), before.conflicts());
        });
    }

    /** The layer versions an adoption published. */
    public record Adopted(Scenario scenario, List<PublishedLayer> published) {
    }

    public record PublishedLayer(String layerId, int version, long featureCount) {
    }

    /**
     * Publishes every edited layer as its next version (the pinned version with the edits applied; a feature
     * keeps its key as source id, so identities survive) in one transaction. Refused with 409 when the baseline
     * moved since the scenario branched (rebase first), naming the moved layers and the conflicts.
     */
    public Adopted adopt(String ws, long id, String by) {
        return tx.execute(s -> {
            Scenario sc = scenarios.locked(ws, id);
            Status st = status(sc);
            if (st.baselineMoved()) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("moved", st.moved());
                details.put("conflicts", st.conflicts());
                throw ScenarioException.conflict("scenario", "the baseline moved since scenario " + id + " branched ("
                        + st.moved().stream().map(m -> m.layerId() + " v" + m.pinnedVersion() + " → v" + m.currentVersion())
                                .toList() + "); " + (st.conflicts().isEmpty() ? "no feature changed on both sides"
                                : st.conflicts().size() + " feature(s) changed on both sides: " + st.conflicts().stream()
                                        .map(c -> c.layerId() + "/" + c.featureId()).toList())
                        + "; rebase it first (POST …/scenarios/" + id + "/rebase)", details);
            }
            Set<String> edited = new LinkedHashSet<>(st.editsByLayer().keySet());
            List<PublishedLayer> out = new ArrayList<>();
            Map<String, Long> pins = repo.pins(sc.id());
            for (String layerId : edited) {
                Layer layer = scenarios.layer(ws, layerId);
                Long base = pins.containsKey(layerId) ? pins.get(layerId)
                        : layer.current() == null ? null : layer.current().id();
                Published p = publisher.publish(new LayerPublisher.Target(ws, layerId, null, null, false,
                        "scenario:" + id + " " + sc.name(), by), staged -> staged.insertSelect(MERGED, base, base, sc.id(),
                                sc.id(), layerId));
                out.add(new PublishedLayer(layerId, p.version().version(), p.version().featureCount()));
            }
            repo.markAdopted(sc.id());
            return new Adopted(scenarios.get(ws, id), out);
        });
    }

    /**
     * A layer as the scenario has it, for staging: the pinned version's features without the edited keys (in
     * stored order), then the scenario's added and replaced features in edit order, each keeping its key as
     * source id. Parameters: version id twice (null: a layer without a version), scenario id, layer id.
     */
    private static final String MERGED = """
            SELECT row_number() OVER (ORDER BY ord, seq, key) - 1, key, properties, geom, NULL::text
              FROM (SELECT 0 AS ord, f.id AS seq, %1$s AS key, f.properties, f.geom
                      FROM feature f
                     WHERE f.version_id = ? AND NOT EXISTS (
                           SELECT 1 FROM scenario_edit e, layer_version v
                            WHERE v.id = ? AND e.scenario_id = ? AND e.layer_id = v.layer_id AND e.feature_key = %1$s)
                    UNION ALL
                    SELECT 1, e.revision, e.feature_key, e.properties, e.geom
                      FROM scenario_edit e WHERE e.scenario_id = ? AND e.layer_id = ? AND NOT e.deleted) merged
            """.formatted(ScenarioRepository.KEY);
}
