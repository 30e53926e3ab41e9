package org.greenplan.ingest;

import java.util.Arrays;

/**
 * The stages of an import job: the job's {@code stage} is the stable code the page translates
 * ({@code wizard.stage.<code>}), {@code stageText} the English words for API users.
 */
public enum ImportStage {
    STORED("stored", "upload stored"),
    READING("reading", "reading the file (ogr2ogr)"),
    PREPARING("preparing", "preparing the version"),
    PUBLISHING("publishing", "checking, repairing and publishing the features (PostGIS)"),
    REPROJECTING("reprojecting", "reprojecting to WGS84, checking, repairing and publishing the features (PostGIS)"),
    DONE("done", "done"),
    FAILED("failed", "failed");

    private final String code;
    private final String text;

    ImportStage(String code, String text) {
        this.code = code;
        this.text = text;
    }

    public String code() {
        return code;
    }

    /** The English words of a stored code; a code this version does not know is shown as it is. */
    public static String textOf(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst().map(s -> s.text).orElse(code);
    }
}
