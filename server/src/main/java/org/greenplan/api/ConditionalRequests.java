package org.greenplan.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.StringJoiner;

/**
 * ETags and {@code If-None-Match} for the answers that are costly to make or send (indicator values, gaps,
 * tiles): a client that has the current representation gets 304 without a body.
 */
final class ConditionalRequests {

    private ConditionalRequests() {
    }

    /** A strong ETag digesting what the representation depends on (nulls count as "null"). */
    static String etag(Object... parts) {
        StringJoiner key = new StringJoiner("|");
        for (Object p : parts) {
            key.add(String.valueOf(p));
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(h, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether {@code If-None-Match} names {@code etag} (RFC 9110 weak comparison: a {@code W/} tag matches its
     * strong form; {@code *} matches any), so the answer is 304.
     */
    static boolean notModified(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String t : ifNoneMatch.split(",")) {
            String s = t.trim();
            if (s.startsWith("W/")) {
                s = s.substring(2);
            }
            if (s.equals(etag) || s.equals("*")) {
                return true;
            }
        }
        return false;
    }
}
