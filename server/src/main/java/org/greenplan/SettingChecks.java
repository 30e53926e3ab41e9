package org.greenplan;

/**
 * Start-up checks of the {@code greenplan.*} settings records: a value that cannot work stops the server
 * with a message naming the property, instead of failing on the first request that needs it.
 */
public final class SettingChecks {

    private SettingChecks() {
    }

    /** @throws IllegalArgumentException naming {@code property} when {@code ok} is false */
    public static void require(boolean ok, String property, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(property + " " + rule + ", not " + value);
        }
    }

    public static void atLeast(long min, String property, long value) {
        require(value >= min, property, value, "must be at least " + min);
    }
}
