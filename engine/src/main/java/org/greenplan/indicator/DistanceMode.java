package org.greenplan.indicator;

import java.util.List;

/**
 * How the coverage indicators measure distance: {@code network} walks the streets ({@link WalkingNetwork}),
 * {@code euclidean} draws straight lines. Walking is never shorter than the straight line, so network
 * coverage is never above Euclidean coverage for the same parcels. The server picks network when a road
 * layer exists and the caller did not choose.
 */
public final class DistanceMode {

    public static final String PARAMETER = "mode";
    public static final String NETWORK = "network";
    public static final String EUCLIDEAN = "euclidean";

    static final ParameterSpec SPEC = ParameterSpec.choice(PARAMETER, null, List.of(NETWORK, EUCLIDEAN),
            "network: walking distance along the road layer (the server's default when a road layer exists); "
                    + "euclidean: straight lines (the default otherwise)");

    private DistanceMode() {
    }

    /** The network to walk on in network mode, or null in Euclidean mode. */
    static WalkingNetwork of(Parameters params, Layers layers) {
        if (!NETWORK.equals(params.text(PARAMETER))) {
            return null;
        }
        return layers.network().orElseThrow(() -> new InvalidParameterException(PARAMETER,
                "mode=network needs a road layer (kind 'road') to walk on, and none was given"));
    }
}
