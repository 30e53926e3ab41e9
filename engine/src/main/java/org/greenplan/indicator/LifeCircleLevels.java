package org.greenplan.indicator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The level → required facility categories table of the life circle (GB 50180-2018 Appendix B), read
 * from {@code /indicator/life-circle-levels.csv} so planners can edit it without touching code.
 */
public final class LifeCircleLevels {

    public static final List<String> LEVELS = List.of("5min", "10min", "15min");
    private static final String RESOURCE = "/indicator/life-circle-levels.csv";

    /** One requirement: any of {@code categories} satisfies it; {@code key} is how results name it. */
    public record Requirement(String key, List<String> categories, String nameZh) {
    }

    private final Map<String, List<Requirement>> byLevel;

    private LifeCircleLevels(Map<String, List<Requirement>> byLevel) {
        this.byLevel = byLevel;
    }

    public static LifeCircleLevels defaults() {
        try (InputStream in = LifeCircleLevels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the CSV form: {@code level,requirement,name_zh}, '#' comments, "a|b" alternatives. */
    public static LifeCircleLevels read(InputStream csv) throws IOException {
        Map<String, List<Requirement>> byLevel = new LinkedHashMap<>();
        LEVELS.forEach(l -> byLevel.put(l, new ArrayList<>()));
        BufferedReader r = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split(",", -1);
            if (cols.length < 2 || !byLevel.containsKey(cols[0].strip())) {
                throw new IllegalArgumentException("life-circle table line " + n + ": expected level (one of "
                        + LEVELS + "),requirement[,name_zh] but got '" + line + "'");
            }
            String key = cols[1].strip();
            List<String> categories = List.of(key.split("\\|"));
            byLevel.get(cols[0].strip()).add(new Requirement(key, categories, cols.length > 2 ? cols[2].strip() : key));
        }
        byLevel.replaceAll((k, v) -> List.copyOf(v));
        return new LifeCircleLevels(Map.copyOf(byLevel));
    }

    public List<Requirement> requirements(String level) {
        return byLevel.getOrDefault(level, List.of());
    }
}
