package org.greenplan.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.greenplan.geo.Feature;

/**
 * Decides from a road's attributes whether a pedestrian may use it and whether it lies on its own level
 * (bridge, tunnel, layer). The tag values live in {@code network/walk-rules.properties} so a city with
 * other conventions changes data, not code.
 */
public final class WalkRules {

    private static final String DEFAULT_RESOURCE = "/network/walk-rules.properties";

    private final List<String> classKeys;
    private final Set<String> excluded;
    private final Set<String> needsFoot;
    private final Set<String> needsFootOrSidewalk;
    private final Set<String> footAllowed;
    private final Set<String> footDenied;
    private final Set<String> accessDenied;
    private final List<String> sidewalkKeys;
    private final Set<String> sidewalkPresent;
    private final Set<String> areaExcluded;
    private final List<String> levelKeys;
    private final Set<String> levelOff;
    private final String layerKey;

    private WalkRules(Properties p) {
        classKeys = list(p, "class.keys");
        excluded = set(p, "class.excluded");
        needsFoot = set(p, "class.needs.foot");
        needsFootOrSidewalk = set(p, "class.needs.foot.or.sidewalk");
        footAllowed = set(p, "foot.allowed");
        footDenied = set(p, "foot.denied");
        accessDenied = set(p, "access.denied");
        sidewalkKeys = list(p, "sidewalk.keys");
        sidewalkPresent = set(p, "sidewalk.present");
        areaExcluded = set(p, "area.excluded");
        levelKeys = list(p, "level.keys");
        levelOff = set(p, "level.off");
        layerKey = p.getProperty("layer.key", "layer").trim();
    }

    /** The rules shipped in {@code network/walk-rules.properties}. */
    public static WalkRules defaults() {
        try (InputStream in = WalkRules.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("walk rules resource " + DEFAULT_RESOURCE + " is missing");
            }
            return from(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rules from a properties stream with the keys of the default file. */
    public static WalkRules from(InputStream properties) throws IOException {
        Properties p = new Properties();
        p.load(properties);
        return new WalkRules(p);
    }

    /**
     * The rules as one string, the same for equal rules whatever order their sets were read in: part of a
     * persisted graph's identity, so a graph built under other rules is never loaded as if built under these.
     */
    public String fingerprint() {
        return String.join(";", String.valueOf(classKeys), sorted(excluded), sorted(needsFoot),
                sorted(needsFootOrSidewalk), sorted(footAllowed), sorted(footDenied), sorted(accessDenied),
                String.valueOf(sidewalkKeys), sorted(sidewalkPresent), sorted(areaExcluded), String.valueOf(levelKeys),
                sorted(levelOff), layerKey);
    }

    private static String sorted(Set<String> s) {
        return new java.util.TreeSet<>(s).toString();
    }

    /** Whether a pedestrian may walk this road. */
    public boolean isWalkable(Feature road) {
        String foot = lower(road.text("foot"));
        if (foot != null && footDenied.contains(foot)) {
            return false;
        }
        boolean footPermitted = foot != null && footAllowed.contains(foot);
        String area = lower(road.text("area"));
        if (area != null && areaExcluded.contains(area)) {
            return false;
        }
        String cls = roadClass(road);
        if (cls != null) {
            if (excluded.contains(cls)) {
                return false;
            }
            if (needsFoot.contains(cls) && !footPermitted) {
                return false;
            }
            if (needsFootOrSidewalk.contains(cls) && !footPermitted && !hasSidewalk(road)) {
                return false;
            }
        }
        String access = lower(road.text("access"));
        return access == null || !accessDenied.contains(access) || footPermitted;
    }

    /** True when the road is a bridge, a tunnel or on a non-zero layer: it must not be noded at crossings. */
    public boolean isGradeSeparated(Feature road) {
        for (String key : levelKeys) {
            String v = lower(road.text(key));
            if (v != null && !levelOff.contains(v)) {
                return true;
            }
        }
        String layer = road.text(layerKey);
        if (layer == null) {
            return false;
        }
        try {
            return Double.parseDouble(layer) != 0;
        } catch (NumberFormatException e) {
            return false; // a malformed layer says nothing reliable about levels
        }
    }

    /** The road's class: the value of the first class key present (highway for OSM, class for our layers). */
    public String roadClass(Feature road) {
        for (String key : classKeys) {
            String v = lower(road.text(key));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private boolean hasSidewalk(Feature road) {
        for (String key : sidewalkKeys) {
            String v = lower(road.text(key));
            if (v != null && sidewalkPresent.contains(v)) {
                return true;
            }
        }
        return false;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static List<String> list(Properties p, String key) {
        String v = p.getProperty(key, "");
        return Arrays.stream(v.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .toList();
    }

    private static Set<String> set(Properties p, String key) {
        return list(p, key).stream().collect(Collectors.toUnmodifiableSet());
    }
}
