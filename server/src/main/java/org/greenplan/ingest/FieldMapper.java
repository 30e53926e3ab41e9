package org.greenplan.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.greenplan.kind.FacilityCategories;
import org.greenplan.kind.LayerKind;
import org.springframework.stereotype.Component;

/**
 * Maps a file's attribute names onto the attributes a layer kind uses (DESIGN.md §2), from the common
 * names in {@code ingest/field-aliases.csv} (人口, RKS, POP → population; 名称, MC, NAME → name), and
 * facility category labels onto category ids with the engine's FacilityCategories (Chinese labels, OSM tags,
 * and AMap POI types such as 科教文化服务;学校;中学 → middle_school). The analyst's own map wins.
 */
@Component
public class FieldMapper {

    private final Map<String, List<String>> aliases = new LinkedHashMap<>();
    private final Map<String, String> categories = FacilityCategories.standard().table();

    public FieldMapper() {
        for (String[] row : csv("ingest/field-aliases.csv")) {
            aliases.put(row[0], List.of(row[1].split("\\|")));
        }
    }

    /** The attributes worth mapping for a kind: required first, then the optional ones it knows. */
    public static List<String> attributesOf(LayerKind kind) {
        Set<String> out = new LinkedHashSet<>(kind.requiredAttributes());
        switch (kind) {
            case PARK -> out.add("class");
            case GREENWAY -> out.add("level");
            case SPONGE_ZONE -> out.add("runoff_control_rate");
            case ROAD -> out.add("class");
            case RESIDENTIAL -> out.add("population");
            case FACILITY -> out.add("name");
            case CONSTRUCTION_LAND -> out.add("land_use");
            case BUILDING -> {
                out.add("floors");
                out.add("height");
            }
            default -> {
            }
        }
        out.add("name");
        return List.copyOf(out);
    }

    /** The suggested map attribute → source field for the fields found, the analyst's map applied on top. */
    public Map<String, String> suggest(LayerKind kind, List<String> fields, Map<String, String> userMap) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String attribute : attributesOf(kind)) {
            String found = userMap.get(attribute);
            if (found == null) {
                found = find(attribute, fields);
            }
            if (found != null) {
                map.put(attribute, found);
            }
        }
        userMap.forEach(map::putIfAbsent);
        return map;
    }

    /** Checks the analyst's map names existing fields and that every required attribute is mapped. */
    public void check(LayerKind kind, List<String> fields, Map<String, String> userMap, Map<String, String> map) {
        for (Map.Entry<String, String> e : userMap.entrySet()) {
            if (!fields.contains(e.getValue())) {
                throw new RejectedUploadException("fieldMap", "fieldMap maps '" + e.getKey() + "' to '"
                        + e.getValue() + "', but the file has no such field; its fields are " + fields);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String required : kind.requiredAttributes()) {
            if (!map.containsKey(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new RejectedUploadException("fieldMap", "a " + kind.id() + " layer needs " + missing
                    + "; no field of the file was recognised for it. Map it with fieldMap, e.g. {\""
                    + missing.get(0) + "\":\"<field>\"}; the file's fields are " + fields);
        }
    }

    private String find(String attribute, List<String> fields) {
        List<String> names = aliases.getOrDefault(attribute, List.of(attribute));
        for (String alias : names) {
            for (String f : fields) {
                if (f.trim().toLowerCase(Locale.ROOT).equals(alias.toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
        }
        return null;
    }

    /** Facility category labels and ids as two parallel arrays (the scenario editor offers the ids). */
    public String[][] categoryTable() {
        return new String[][] {categories.keySet().toArray(String[]::new), categories.values().toArray(String[]::new)};
    }

    /** The category id for one label (preview), or null. */
    public String category(String label) {
        return FacilityCategories.standard().categoryOf(label).orElse(null);
    }

    private static List<String[]> csv(String resource) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = FieldMapper.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                // attribute,alias|alias: the attribute is before the first comma
                int comma = line.indexOf(',');
                rows.add(new String[] {line.substring(0, comma).trim(), line.substring(comma + 1).trim()});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
