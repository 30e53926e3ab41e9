package org.greenplan.indicator.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code versions=layerId:version,…} of an indicator request: which older (or newer) version of a
 * layer to read instead of its current one, so a plan's before and after can be measured side by side.
 */
public final class VersionPins {

    public static final VersionPins NONE = new VersionPins(Map.of());

    private static final Pattern PIN = Pattern.compile("([a-z0-9][a-z0-9_-]{0,63}):([1-9][0-9]{0,8})");

    private final Map<String, Integer> pins;

    private VersionPins(Map<String, Integer> pins) {
        this.pins = Collections.unmodifiableMap(pins);
    }

    /** Parses {@code id:version,id:version}; null or blank pins nothing. A bad entry is a 400 naming {@code versions}. */
    public static VersionPins parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Map<String, Integer> pins = new LinkedHashMap<>();
        for (String raw : text.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            Matcher m = PIN.matcher(entry);
            if (!m.matches()) {
                throw new IndicatorRequestException("versions", "'" + entry
                        + "' is not layerId:version (e.g. demo-park:2)");
            }
            Integer before = pins.put(m.group(1), Integer.parseInt(m.group(2)));
            if (before != null && before != Integer.parseInt(m.group(2))) {
                throw new IndicatorRequestException("versions", "layer '" + m.group(1) + "' is given two versions");
            }
        }
        return new VersionPins(pins);
    }

    public Optional<Integer> versionOf(String layerId) {
        return Optional.ofNullable(pins.get(layerId));
    }

    public Map<String, Integer> asMap() {
        return pins;
    }

    public boolean isEmpty() {
        return pins.isEmpty();
    }
}
