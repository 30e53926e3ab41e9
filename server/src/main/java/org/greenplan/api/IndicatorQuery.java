package org.greenplan.api;

import java.util.Locale;
import org.greenplan.indicator.service.IndicatorRequestException;

/** The plain query parameters of the indicator endpoints: the answer's format and the target year. */
final class IndicatorQuery {

    private IndicatorQuery() {
    }

    static Integer year(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            int y = Integer.parseInt(text.trim());
            if (y < 1900 || y > 2200) {
                throw new NumberFormatException();
            }
            return y;
        } catch (NumberFormatException e) {
            throw new IndicatorRequestException("year", "year must be a year such as 2025, not '" + text + "'");
        }
    }

    static boolean wantsCsv(String f, String accept) {
        if (f != null) {
            return switch (f) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new BadRequestException("f", "format '" + f + "' is not offered; use json or csv");
            };
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }
}
