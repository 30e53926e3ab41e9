package org.greenplan.indicator;

/** One indicator with its parameters fixed; reusable and thread-safe. */
public interface Indicator {

    /** The API id, e.g. {@code park_service_coverage}. */
    String id();

    IndicatorResult compute(Layers layers);
}
