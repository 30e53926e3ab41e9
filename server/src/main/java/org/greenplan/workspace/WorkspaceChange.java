package org.greenplan.workspace;

/**
 * A workspace as a client creates or changes it (the body of POST and PATCH): a member left null is not
 * changed by PATCH. {@code id} is taken by POST only.
 *
 * @param visibility    {@code public} or {@code private}
 * @param measuringSrid a CGCS2000 3° Gauss-Krüger zone, EPSG:4534 to 4554, to measure areas and lengths in; 0
 *                      clears it (the zone of the data's centre is used then)
 */
public record WorkspaceChange(String id, String name, String description, String visibility, Integer measuringSrid) {
}
