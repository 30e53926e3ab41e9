package org.greenplan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The spreadsheet rule on single cells; SpreadsheetCsvTest checks it in the files the server writes. */
class CsvCellsTest {

    @Test
    void textStartingWithAFormulaCharacterGetsAnApostrophe() {
        for (String s : new String[] {"=1+1", "+1", "-cmd", "@SUM(1)", "\tx", "\rx", "-3.5"}) {
            assertThat(CsvCells.neutralise(s)).isEqualTo("'" + s);
        }
        assertThat(CsvCells.neutralise("西溪村")).isEqualTo("西溪村");
        assertThat(CsvCells.neutralise("a=1")).isEqualTo("a=1");
        assertThat(CsvCells.neutralise("")).isEmpty();
        assertThat(CsvCells.neutralise(null)).isNull();
    }

    @Test
    void cellsAreQuotedAsRfc4180AsksAndNumbersAreLeftAlone() {
        assertThat(CsvCells.text("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assertThat(CsvCells.text("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvCells.text(null)).isEmpty();
        assertThat(CsvCells.number("-3.5")).isEqualTo("-3.5");
        assertThat(CsvCells.number("")).isEmpty();
    }

    @Test
    void theSqlFormNamesTheSameCharacters() {
        assertThat(CsvCells.sqlText("x")).isEqualTo(
                "(CASE WHEN left(x, 1) IN (chr(61), chr(43), chr(45), chr(64), chr(9), chr(13)) THEN '''' || x ELSE x END)");
    }
}
