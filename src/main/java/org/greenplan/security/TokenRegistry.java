package org.greenplan.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The configured tokens, kept only as SHA-256 digests and compared in constant time. Without a configured
 * admin token the server makes one up at start and logs it, so a bare {@code java -jar} is still usable.
 */
@Component
public class TokenRegistry {

    private static final Logger log = LoggerFactory.getLogger(TokenRegistry.class);

    private record Entry(byte[] digest, Role role) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public TokenRegistry(@Value("${greenplan.auth.admin-token:}") String adminToken,
            @Value("${greenplan.auth.analyst-tokens:}") List<String> analystTokens,
            @Value("${greenplan.auth.reader-tokens:}") List<String> readerTokens) {
        String admin = adminToken;
        if (admin == null || admin.isBlank()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            admin = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            log.warn("No greenplan.auth.admin-token configured; generated one for this run: {}", admin);
        }
        add(admin, Role.ADMIN);
        analystTokens.forEach(t -> add(t, Role.ANALYST));
        readerTokens.forEach(t -> add(t, Role.READER));
    }

    private void add(String token, Role role) {
        if (token != null && !token.isBlank()) {
            entries.add(new Entry(sha256(token.trim()), role));
        }
    }

    public Optional<Caller> resolve(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        byte[] digest = sha256(token.trim());
        Role found = null;
        for (Entry e : entries) {
            // visit every entry: the time taken says nothing about which token matched
            if (MessageDigest.isEqual(e.digest(), digest) && found == null) {
                found = e.role();
            }
        }
        return found == null ? Optional.empty()
                : Optional.of(new Caller(found, HexFormat.of().formatHex(digest, 0, 4)));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
