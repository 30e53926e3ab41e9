package org.greenplan.workspace;

/**
 * A workspace row was created, changed (name, description, visibility, measuring CRS, extent) or deleted. Published
 * by every write of table {@code workspace}, inside its transaction; {@link WorkspaceCache} forgets the workspace
 * after the commit, and a deletion also ends the API keys that were verified for it (security/ApiKeys).
 */
public record WorkspaceChanged(String workspace, boolean deleted) {
}
