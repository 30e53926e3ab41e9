package org.greenplan.kind;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the planners' editable {@code label,id} tables under {@code kind/} (facility categories, land-use
 * categories): one row a line, {@code #} comments, the id after the last comma; the first row of a label wins.
 */
final class LabelTable {

    private LabelTable() {
    }

    static Map<String, String> read(String resource) {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = LabelTable.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                // labels may hold commas' neighbours (;) but not commas: the id is after the last comma
                int comma = line.lastIndexOf(',');
                out.putIfAbsent(line.substring(0, comma).trim(), line.substring(comma + 1).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
