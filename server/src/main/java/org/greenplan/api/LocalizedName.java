package org.greenplan.api;

/** A name in Chinese and English, as the catalogue and the layer kinds give them. */
public record LocalizedName(String zh, String en) {
}
