package org.greenplan.indicator;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.greenplan.geo.Feature;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * The input of an indicator: lon/lat features per layer kind, already cut to the area of interest, and
 * optionally the area of interest itself (lon/lat), which {@link DevelopmentIntensity} uses as the total
 * land when no admin areas are given, and the walking network for the coverage indicators' network mode.
 * Immutable.
 */
public final class Layers {

    private final Map<LayerKind, List<Feature>> byKind;
    private final Geometry areaOfInterest;
    private final WalkingNetwork network;
    private final org.greenplan.geo.GaussKrugerZone measuringZone;

    private Layers(Map<LayerKind, List<Feature>> byKind, Geometry areaOfInterest, WalkingNetwork network,
            org.greenplan.geo.GaussKrugerZone measuringZone) {
        this.byKind = byKind;
        this.areaOfInterest = areaOfInterest;
        this.network = network;
        this.measuringZone = measuringZone;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The features of one kind; empty when the layer was not given. */
    public List<Feature> get(LayerKind kind) {
        return byKind.getOrDefault(kind, List.of());
    }

    public Optional<Geometry> areaOfInterest() {
        return Optional.ofNullable(areaOfInterest);
    }

    /** The walking network for {@code mode=network}, when one was given. */
    public Optional<WalkingNetwork> network() {
        return Optional.ofNullable(network);
    }

    /** The zone the workspace measures in, when it names one; else the zone of {@link #envelope()}'s centre. */
    public Optional<org.greenplan.geo.GaussKrugerZone> measuringZone() {
        return Optional.ofNullable(measuringZone);
    }

    /** Lon/lat envelope of everything given: the zone of its centre is where the indicators measure. */
    public Envelope envelope() {
        Envelope env = new Envelope();
        byKind.values().forEach(fs -> fs.forEach(f -> env.expandToInclude(f.geometry().getEnvelopeInternal())));
        if (areaOfInterest != null) {
            env.expandToInclude(areaOfInterest.getEnvelopeInternal());
        }
        return env;
    }

    public static final class Builder {
        private final Map<LayerKind, List<Feature>> byKind = new EnumMap<>(LayerKind.class);
        private Geometry areaOfInterest;
        private WalkingNetwork network;
        private org.greenplan.geo.GaussKrugerZone measuringZone;

        public Builder add(LayerKind kind, List<Feature> features) {
            byKind.merge(kind, List.copyOf(features), (a, b) -> {
                var all = new java.util.ArrayList<>(a);
                all.addAll(b);
                return List.copyOf(all);
            });
            return this;
        }

        public Builder areaOfInterest(Geometry lonLat) {
            this.areaOfInterest = lonLat;
            return this;
        }

        public Builder network(WalkingNetwork walking) {
            this.network = walking;
            return this;
        }

        /** Measure in this zone instead of the zone of the data's centre (a workspace's measuring_srid). */
        public Builder measuringZone(org.greenplan.geo.GaussKrugerZone zone) {
            this.measuringZone = zone;
            return this;
        }

        public Layers build() {
            return new Layers(new EnumMap<>(byKind), areaOfInterest, network, measuringZone);
        }
    }
}
