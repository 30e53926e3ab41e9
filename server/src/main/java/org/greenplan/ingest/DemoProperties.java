package org.greenplan.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code greenplan.demo.*}: whether the demo layers in {@code dir} are loaded at start when missing. */
@ConfigurationProperties("greenplan.demo")
public record DemoProperties(@DefaultValue("true") boolean load, @DefaultValue("gis-data/demo") String dir) {
}
