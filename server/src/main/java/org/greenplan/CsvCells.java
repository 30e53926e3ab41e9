package org.greenplan;

/**
 * Cells of the CSV files we write, which planners open in Excel (README). A text cell that starts with
 * {@code = + - @}, a tab or a carriage return is a formula to a spreadsheet ({@code =HYPERLINK(…)} in an
 * uploaded name would become a link, {@code @SUM(…)} a calculation), so it is written with a leading
 * apostrophe, as OWASP's "CSV Injection" advises: Excel shows the text and hides the apostrophe. Numbers are
 * never touched, so -3.5 stays a number: only a writer knows which of its cells are text, and it says so by
 * calling {@link #text} or {@link #number}. One rule for every CSV: the indicator CSVs use it in Java, the
 * layer export (written by ogr2ogr) through {@link #sqlText}.
 */
public final class CsvCells {

    /** The characters that make a spreadsheet read a cell as a formula (or, tab and CR, smuggle one in). */
    static final String FORMULA_START = "=+-@\t\r";

    private CsvCells() {
    }

    /** The text with an apostrophe before a formula character; null stays null. */
    public static String neutralise(String s) {
        if (s == null || s.isEmpty() || FORMULA_START.indexOf(s.charAt(0)) < 0) {
            return s;
        }
        return "'" + s;
    }

    /** A text cell, neutralised and quoted as RFC 4180 asks when it holds a comma, quote or line break. */
    public static String text(String s) {
        return quoted(neutralise(s == null ? "" : s));
    }

    /** A number the writer formatted itself (digits, sign, point): written as it is. */
    public static String number(String formatted) {
        return quoted(formatted == null ? "" : formatted);
    }

    private static String quoted(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /**
     * The same rule in PostgreSQL, for text that ogr2ogr reads from the database: {@code textExpr} (an SQL
     * expression of type text) with an apostrophe before a formula character.
     */
    public static String sqlText(String textExpr) {
        return "(CASE WHEN left(" + textExpr + ", 1) IN (" + sqlCharacters() + ") THEN '''' || " + textExpr + " ELSE "
                + textExpr + " END)";
    }

    private static String sqlCharacters() {
        StringBuilder sb = new StringBuilder();
        for (char c : FORMULA_START.toCharArray()) {
            sb.append(sb.isEmpty() ? "" : ", ").append("chr(").append((int) c).append(')');
        }
        return sb.toString();
    }
}
