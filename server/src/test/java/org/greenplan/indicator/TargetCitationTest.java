package org.greenplan.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.greenplan.Decimals;
import org.greenplan.indicator.TargetSets.Target;
import org.greenplan.indicator.TargetSets.TargetSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/**
 * Every target that cites a policy text is read back from it: the cited file and line(s) of the shared policy
 * folder must hold the quoted words and the target's figure, so a wrong line, a wrong file or a mistyped figure
 * fails. Also the document facts each target carries (title, status, year) and the sets the issue fixed.
 */
class TargetCitationTest {

    private static final Pattern CITATION = Pattern.compile("(\\d{3}_[0-9a-f]{16}\\.txt):(\\d+)(?:-(\\d+))?");

    private final TargetSets sets;

    TargetCitationTest() throws IOException {
        sets = new TargetSets(new ObjectMapper());
    }

    /** -Dgreenplan.shared.policy, else ../shared/policy (checkout root), ../../shared/policy (module), /work/shared/policy. */
    static Path policyFolder() {
        for (String c : new String[] {System.getProperty("greenplan.shared.policy"), "../shared/policy",
                "../../shared/policy", "/work/shared/policy"}) {
            if (c != null && Files.isRegularFile(Path.of(c, "README.md"))) {
                return Path.of(c);
            }
        }
        return null;
    }

    @Test
    void everyCitedTargetIsOnItsLineWithItsFigure() throws IOException {
        Path policy = policyFolder();
        assumeTrue(policy != null, "shared policy texts not present");
        int checked = 0;
        for (String id : sets.ids()) {
            TargetSet set = sets.find(id).orElseThrow();
            String file = set.description().path("documentFile").isString()
                    ? set.description().path("documentFile").asString() : null;
            for (Target t : set.targets()) {
                if (t.citation() == null) {
                    assertThat(t.verified()).as(id + " " + t.indicator() + " " + t.year()
                            + ": a target without a citation of the policy folder cannot be verified").isFalse();
                    continue;
                }
                Matcher m = CITATION.matcher(t.citation());
                assertThat(m.matches()).as(t.citation()).isTrue();
                assertThat(m.group(1)).as(id + ": the target cites its set's document").isEqualTo(file);
                List<String> lines = Files.readAllLines(policy.resolve(m.group(1)), StandardCharsets.UTF_8);
                int first = Integer.parseInt(m.group(2));
                int last = m.group(3) == null ? first : Integer.parseInt(m.group(3));
                // the PDF-to-text of the drafts breaks sentences over lines: read the span as one text
                String span = String.join("", lines.subList(first - 1, last)).replaceAll("\\s+", "");
                String quote = t.quote().replaceAll("\\s+", "");
                assertThat(span).as(t.citation() + " holds the quote").contains(quote);
                assertThat(quote).as(t.citation() + " quote holds the figure").contains(Decimals.plain(t.value()));
                if (t.quote().contains("\t")) { // a row of the annex's year table: the figure sits in its year's column
                    String[] cols = lines.get(first - 1).split("\t");
                    int h = first - 1;
                    while (h > 0 && !lines.get(h).contains("主要指标")) { // the table's header row, e.g. 003…:134
                        h--;
                    }
                    String[] header = lines.get(h).split("\t");
                    int col = -1;
                    for (int i = 0; i < header.length; i++) {
                        if (header[i].replace(" ", "").equals(t.year() + "年")) {
                            col = i;
                        }
                    }
                    assertThat(col).as("year column " + t.year()).isPositive();
                    assertThat(cols[cols.length - (header.length - col)].trim()).as(t.citation() + " " + t.year())
                            .isEqualTo(Decimals.plain(t.value()));
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(20);
    }

    @Test
    void eachTargetCarriesItsDocumentStatusAndYear() {
        for (String id : sets.ids()) {
            for (Target t : sets.find(id).orElseThrow().targets()) {
                assertThat(t.document().title()).isNotBlank();
                assertThat(t.document().status()).isIn("draft", "in force");
            }
        }
        Target intensity = only("zhejiang-green-development", "development_intensity");
        assertThat(intensity.year()).isEqualTo(2025);
        assertThat(intensity.value()).isEqualTo(13.0);
        assertThat(intensity.comparator()).isEqualTo("<=");
        assertThat(intensity.document().status()).isEqualTo("draft");
        assertThat(intensity.document().title()).contains("高水平推动全省城乡建设绿色发展");
        assertThat(sets.find("zhejiang-beautiful-towns").orElseThrow().targets())
                .noneMatch(t -> t.indicator().equals("development_intensity"));
        // issue 15 item 11: the forest and greenway figures of the same sentence, each on its own line
        Target forest = only("zhejiang-green-development", "forest_coverage");
        assertThat(forest.value()).isEqualTo(61.5);
        assertThat(forest.citation()).isEqualTo("000_8f84cd397ae9d56c.txt:70");
        Target greenways = only("zhejiang-green-development", "greenway_length");
        assertThat(greenways.value()).isEqualTo(20000.0);
        assertThat(greenways.unit()).isEqualTo("km");
        assertThat(greenways.citation()).isEqualTo("000_8f84cd397ae9d56c.txt:72");
        for (String id : sets.ids()) { // a target of an indicator greenplan does not compute would never be shown
            for (Target t : sets.find(id).orElseThrow().targets()) {
                assertThat(IndicatorCatalogue.definition(t.indicator())).as(id + " " + t.indicator()).isPresent();
                assertThat(t.unit()).as(id + " " + t.indicator() + " unit")
                        .isEqualTo(IndicatorCatalogue.definition(t.indicator()).orElseThrow().unit());
            }
        }
        TargetSet towns = sets.find("zhejiang-beautiful-towns").orElseThrow();
        assertThat(towns.targets().get(0).document().title()).contains("二次征求意见稿");
        assertThat(towns.targets().get(0).document().year()).isEqualTo(2023);
        assertThat(towns.description().path("documentDate").asString()).isEqualTo("2023-05-17");
        assertThat(sets.document().toString()).doesNotContainIgnoringCase("euclidean approximation")
                .doesNotContainIgnoringCase("straight-line approximation").doesNotContain("year not stated");
    }

    private Target only(String set, String indicator) {
        List<Target> ts = sets.find(set).orElseThrow().targets().stream().filter(t -> t.indicator().equals(indicator)).toList();
        assertThat(ts).hasSize(1);
        return ts.get(0);
    }
}
