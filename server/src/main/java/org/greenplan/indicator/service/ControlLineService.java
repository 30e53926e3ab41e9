package org.greenplan.indicator.service;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.greenplan.indicator.ControlLines;
import org.greenplan.indicator.Layers;
import org.greenplan.indicator.ProjectCheck;
import org.greenplan.indicator.service.IndicatorFeatureRepository.Clip;
import org.greenplan.kind.LayerKind;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerRepository;
import org.greenplan.limits.Bulkheads;
import org.locationtech.jts.geom.Geometry;
import org.springframework.stereotype.Service;

/**
 * 项目选址合规性审查: checks a proposed project site against the control lines (生态保护红线, 永久基本农田,
 * 城镇开发边界). The lines are loaded and indexed once per set of (layer, version) pairs and kept, so a
 * check is a few prepared-geometry tests; a new version of any control-line layer builds a new index.
 */
@Service
public class ControlLineService {

    static final Set<LayerKind> KINDS = EnumSet.of(LayerKind.ECOLOGICAL_RED_LINE, LayerKind.PERMANENT_FARMLAND,
            LayerKind.TOWN_DEVELOPMENT_BOUNDARY);

    /** A check with the layers it was made against. */
    public record Checked(ProjectCheck check, List<LayerUse> layersUsed) {
    }

    private record Indexed(String key, ControlLines lines, List<LayerUse> used) {
    }

    private final LayerRepository layerRepository;
    private final IndicatorFeatureRepository features;
    private final ResultCache<Indexed> indexes = new ResultCache<>(8);
    private final Bulkheads bulkheads;

    public ControlLineService(LayerRepository layerRepository, IndicatorFeatureRepository features,
            Bulkheads bulkheads) {
        this.layerRepository = layerRepository;
        this.features = features;
        this.bulkheads = bulkheads;
    }

    /** @param projectLonLat a valid polygonal geometry in lon/lat */
    public Checked check(String ws, Geometry projectLonLat, String layerIds) {
        return bulkheads.run(Bulkheads.Kind.CONTROL_LINE_CHECK, () -> {
            Indexed idx = index(ws, layerIds);
            return new Checked(idx.lines().check(projectLonLat), idx.used());
        });
    }

    /**
     * The indexed control lines themselves, for checking many sites at once (the siting's candidates): each
     * {@link ControlLines#check} is then the same check as {@link #check}, without a bulkhead slot per site.
     */
    public Checker checker(String ws, String layerIds) {
        Indexed idx = index(ws, layerIds);
        return new Checker(idx.lines(), idx.used());
    }

    /** Control lines ready for checks, with the layers they were read from. */
    public record Checker(ControlLines lines, List<LayerUse> layersUsed) {
    }

    private Indexed index(String ws, String layerIds) {
        List<Layer> all = layerRepository.findAll(ws).stream().filter(l -> l.current() != null).toList();
        List<Layer> chosen;
        if (layerIds != null && !layerIds.isBlank()) {
            chosen = new ArrayList<>();
            List<String> ids = List.of(layerIds.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
            for (String id : ids) {
                Layer l = all.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow(() ->
                        new IndicatorRequestException("layers", "no published layer '" + id + "'"));
                if (!KINDS.contains(l.kind())) {
                    throw new IndicatorRequestException("layers", "layer '" + id + "' is a " + l.kind().id()
                            + " layer, not a control line");
                }
                chosen.add(l);
            }
        } else {
            // the workspace's own control lines only: another town's red lines are not this town's
            chosen = all.stream().filter(l -> KINDS.contains(l.kind())).toList();
        }
        List<LayerUse> used = chosen.stream().map(l -> new LayerUse(l.id(), l.kind(), l.current().version(),
                l.current().id())).toList();
        if (used.isEmpty()) {
            throw new MissingLayerException("the control-line check", List.of(LayerKind.ECOLOGICAL_RED_LINE,
                    LayerKind.PERMANENT_FARMLAND, LayerKind.TOWN_DEVELOPMENT_BOUNDARY));
        }
        String key = used.stream().map(u -> u.id() + "@" + u.versionId()).sorted().collect(Collectors.joining(","));
        return indexes.get(key, () -> {
            Layers.Builder b = Layers.builder();
            for (LayerUse u : used) {
                b.add(u.kind(), features.load(u.versionId(), null, Clip.NONE));
            }
            return new Indexed(key, ControlLines.of(b.build()), used);
        });
    }
}
