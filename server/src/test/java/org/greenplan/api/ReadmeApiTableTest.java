package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The README's API table is what users read first: every endpoint the application maps must be in it, and every
 * row must answer. Read against Spring MVC's own mappings, so a new controller method without a row fails here.
 */
class ReadmeApiTableTest extends ServerTestSupport {

    private static final Pattern ENDPOINT = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/[^`\\s?]*)");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointIsInTheReadmeTableAndEveryRowExists() throws IOException {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (!method.getBeanType().getPackageName().startsWith("org.greenplan")) {
                return; // Spring's own /error
            }
            for (String path : info.getPatternValues()) {
                info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m.name() + " " + normalised(path)));
            }
        });
        Set<String> documented = readmeTable();
        // the README names each workspace path once and states the rule for its demo twin (…/workspaces/{ws}/x → x)
        Set<String> withTwins = new TreeSet<>(documented);
        documented.forEach(row -> withTwins.addAll(demoTwins(row)));

        assertThat(mapped).as("endpoints missing from the README's API table").isSubsetOf(withTwins);
        for (String row : documented) {
            if (mapped.contains(row)) {
                continue;
            }
            // not a controller: a page of the browser app (web/ → classpath static/), which must be served
            String path = row.substring(row.indexOf(' ') + 1);
            assertThat(row).as("README row with no endpoint").startsWith("GET ");
            assertThat(new ClassPathResource("static" + path).exists()).as("README row with no endpoint: " + row).isTrue();
            assertThat(get(path).status()).as(row).isEqualTo(200);
        }
    }

    /** "METHOD /path" of every row of the table under the "## API…" heading, path variables written as {}. */
    private static Set<String> readmeTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n## API");
        assertThat(start).as("README has an \"## API\" section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        Set<String> rows = new TreeSet<>();
        for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String endpointCell = line.substring(1, line.indexOf('|', 1));
            Matcher m = ENDPOINT.matcher(endpointCell);
            while (m.find()) {
                rows.add(m.group(1) + " " + normalised(m.group(2)));
            }
        }
        assertThat(rows).as("rows of the README's API table").isNotEmpty();
        return rows;
    }

    /** The unscoped paths that serve the demo workspace for a workspace path: /api/v1/x or /x, and /x for /w/{}/x. */
    private static Set<String> demoTwins(String row) {
        String method = row.substring(0, row.indexOf(' '));
        String path = row.substring(row.indexOf(' ') + 1);
        Set<String> twins = new TreeSet<>();
        if (path.startsWith("/api/v1/workspaces/{}/")) {
            String rest = path.substring("/api/v1/workspaces/{}".length());
            twins.add(method + " /api/v1" + rest);
            twins.add(method + " " + rest);
        } else if (path.startsWith("/w/{}/") || path.equals("/w/{}")) {
            String rest = path.substring("/w/{}".length());
            twins.add(method + " " + (rest.isEmpty() ? "/" : rest));
        }
        return twins;
    }

    private static String normalised(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }
}
