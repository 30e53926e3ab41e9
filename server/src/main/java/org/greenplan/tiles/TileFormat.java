package org.greenplan.tiles;

/** What a tile is delivered as. */
public enum TileFormat {
    MVT("application/vnd.mapbox-vector-tile"),
    PNG("image/png");

    private final String mediaType;

    TileFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}
