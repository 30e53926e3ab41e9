package org.greenplan.report;

import java.time.LocalDate;
import java.util.List;

/**
 * A report's content, worded and formatted once, so the Word and the PDF writer only lay it out and say the
 * same figures.
 *
 * @param facts        title block: scope, date, target set, mode, what is compared
 * @param indicators   the indicator table with targets, status and each target's source document
 * @param maps         the maps, drawn by the server's tile renderer with legend, scale bar and north arrow
 * @param layers       the layer versions read
 * @param inputsSha256 SHA-256 of the inputs' manifest (hex): equal for equal inputs, whatever the format
 */
public record Report(String title, LocalDate date, List<Fact> facts, Table indicators, List<String> notes,
        List<MapFigure> maps, Table layers, String inputsSha256) {

    public record Fact(String label, String value) {
    }

    /** A table: header cells, rows of cells, and each column's share of the width (summing to 1). */
    public record Table(List<String> header, List<List<String>> rows, double[] widths) {
    }

    /** A map as a PNG of {@code width} × {@code height} pixels. */
    public record MapFigure(String caption, byte[] png, int width, int height) {
    }
}
