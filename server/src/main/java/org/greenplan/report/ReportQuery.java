package org.greenplan.report;

/**
 * What a report shows: the indicators' own query parameters ({@code area}, {@code bbox}, {@code mode},
 * {@code versions}), the target set and year they are judged against, the date printed, and optionally a
 * second result set to compare with: the same query with another area and/or other layer versions
 * ({@code compareArea}, {@code compareVersions}), or a scenario (方案) of the workspace against its baseline
 * ({@code scenario}). Blank means not given.
 *
 * @param date ISO date printed on the report; by default the day (China time) the newest layer version read
 *             was published, so the same data always gives the same file
 */
public record ReportQuery(String area, String bbox, String mode, String targets, Integer year, String date,
        String versions, String compareArea, String compareVersions, String scenario) {

    public boolean compares() {
        return given(compareArea) || given(compareVersions) || given(scenario);
    }

    static boolean given(String s) {
        return s != null && !s.isBlank();
    }
}
