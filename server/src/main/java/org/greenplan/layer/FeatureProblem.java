package org.greenplan.layer;

/** Why one feature of an upload was not accepted; {@code index} is its zero-based position in the file. */
public record FeatureProblem(long index, String reason) {
}
