package org.greenplan.layer;

import java.time.OffsetDateTime;
import org.greenplan.kind.LayerKind;

/**
 * A layer of a workspace with its current (published) version; {@code current} is null while no version exists.
 */
public record Layer(String workspace, String id, String name, LayerKind kind, LayerVersion current, OffsetDateTime updatedAt) {
}
