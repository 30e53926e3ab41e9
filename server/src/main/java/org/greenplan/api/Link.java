package org.greenplan.api;

/** A link of an API document (OGC API style): where, how it relates, its media type and a title (optional). */
public record Link(String href, String rel, String type, String title) {
}
