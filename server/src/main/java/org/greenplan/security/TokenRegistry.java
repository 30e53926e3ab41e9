package org.greenplan.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The configured tokens, kept only as SHA-256 digests and compared in constant time. Without a configured
 * admin token the server makes one up at start and logs it, so a bare {@code java -jar} is still usable.
 *
 * <p>A caller's fingerprint (recorded as {@code createdBy}) is the first 32 bits of HMAC-SHA256 of the token
 * under a server secret, never a plain hash of the token, which would let anyone who reads {@code createdBy}
 * check guessed tokens offline. The secret is {@code greenplan.auth.fingerprint-secret} or else a random one
 * kept in {@code greenplan.auth.fingerprint-secret-file} (made on first start, readable by the owner only):
 * independent of every token, so fingerprints stay the same when the admin token is rotated, and stable across
 * restarts, so the versions of one analyst keep one fingerprint.
 */
@Component
public class TokenRegistry {

    private static final Logger log = LoggerFactory.getLogger(TokenRegistry.class);

    private record Entry(byte[] digest, Role role) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final SecretKeySpec fingerprintKey;

    @Autowired
    public TokenRegistry(AuthProperties settings) {
        this(settings.adminToken(), settings.analystTokens(), settings.readerTokens(), settings.fingerprintSecret(),
                settings.fingerprintSecretFile());
    }

    public TokenRegistry(String adminToken, List<String> analystTokens, List<String> readerTokens,
            String fingerprintSecret, Path fingerprintSecretFile) {
        this.fingerprintKey = new SecretKeySpec(fingerprintSecret != null && !fingerprintSecret.isBlank()
                ? fingerprintSecret.trim().getBytes(StandardCharsets.UTF_8) : storedSecret(fingerprintSecretFile),
                "HmacSHA256");
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
                : Optional.of(Caller.global(fingerprint(token.trim()), found));
    }

    private String fingerprint(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(fingerprintKey);
            return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The secret kept in {@code file}, made (32 random bytes) when it does not exist yet. */
    private static byte[] storedSecret(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] secret = Base64.getDecoder().decode(Files.readString(file).trim());
                if (secret.length >= 16) {
                    return secret;
                }
                throw new IllegalStateException(file + " holds no usable secret (base64 of at least 16 bytes)");
            }
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "fingerprint-secret", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the directory's own permissions have to do
            }
            Files.writeString(tmp, Base64.getEncoder().encodeToString(secret) + "\n");
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            log.info("Made a token fingerprint secret in {}", file);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the token fingerprint secret " + file, e);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
