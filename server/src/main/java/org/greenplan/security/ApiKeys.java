package org.greenplan.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.greenplan.workspace.MetadataPersistence;
import org.greenplan.workspace.WorkspaceChanged;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * API keys: made with a random secret that is shown once, kept as a password-encoder hash, revoked by id.
 *
 * <p>A key reads {@code gpk_<id>_<secret>}. The id is the row's primary key, so a presented key costs one row
 * read and one hash check (bcrypt, deliberately slow: ~50 ms). A key that passed is remembered with a SHA-256
 * of its secret (a fast hash is enough here: it only recognises a secret that already passed the slow one)
 * and checked against its row again after {@link #RECHECK}: revoked or expired keys, also by another server on
 * the same database, stop working within 5 s; a revocation through this server at once, and so does deleting a
 * workspace through this server (its keys go with it; otherwise a key of a deleted workspace would still hold its role
 * for 4 s in a new workspace of the same id).
 */
@Component
public class ApiKeys {

    /** How long a verified key is trusted before its row is read again: under the 5 s revocation promise. */
    static final Duration RECHECK = Duration.ofSeconds(4);

    private static final String PREFIX = "gpk_";
    private static final Pattern TOKEN = Pattern.compile("^gpk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$");
    private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** A key and its secret token, which exists only in this answer. */
    public record Issued(ApiKey key, String token) {
    }

    /** Why a presented key does not authenticate, said to its holder. */
    public static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    private record Verified(byte[] digest, ApiKey key, long checkedAt) {
    }

    private final ApiKeyRepository repository;
    private final PasswordEncoder encoder;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    public ApiKeys(ApiKeyRepository repository, PasswordEncoder encoder) {
        this.repository = repository;
        this.encoder = encoder;
    }

    /** Whether a bearer token has the form of an API key (and not of a JWT or a configured token). */
    public static boolean looksLikeKey(String token) {
        return token.startsWith(PREFIX);
    }

    @Transactional(MetadataPersistence.TRANSACTIONS)
    public Issued create(String workspaceId, Role role, String name, Instant expiresAt, String createdBy) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id;
        do {
            StringBuilder b = new StringBuilder(12);
            for (int i = 0; i < 12; i++) {
                b.append(ID_CHARS[random.nextInt(ID_CHARS.length)]);
            }
            id = b.toString();
        } while (repository.existsById(id));
        ApiKey key = repository.save(new ApiKey(id, encoder.encode(secretText), name, workspaceId, role, createdBy,
                Instant.now(), expiresAt));
        return new Issued(key, PREFIX + id + "_" + secretText);
    }

    public List<ApiKey> list(String workspaceId) {
        return workspaceId == null ? repository.findByWorkspaceIdIsNullOrderByCreatedAtAscIdAsc()
                : repository.findByWorkspaceIdOrderByCreatedAtAscIdAsc(workspaceId);
    }

    /** The key of this id in this scope (workspace id, or null for the global keys). */
    public Optional<ApiKey> find(String workspaceId, String id) {
        return repository.findById(id).filter(k -> java.util.Objects.equals(k.workspaceId(), workspaceId));
    }

    /** Revokes the key (kept, with the time, for the list and the audit trail); false when none is in scope. */
    @Transactional(MetadataPersistence.TRANSACTIONS)
    public boolean revoke(String workspaceId, String id) {
        Optional<ApiKey> key = find(workspaceId, id);
        key.ifPresent(k -> {
            k.revoke(Instant.now());
            repository.save(k);
        });
        verified.remove(id);
        return key.isPresent();
    }

    /** A workspace was deleted, and its keys with it (Flyway V26's cascade): none of them is trusted any longer. */
    @TransactionalEventListener(fallbackExecution = true)
    void workspaceChanged(WorkspaceChanged change) {
        if (change.deleted()) {
            verified.values().removeIf(v -> change.workspace().equals(v.key().workspaceId()));
        }
    }

    /** The caller a presented API key stands for, or why it does not stand for one. */
    public Caller authenticate(String token) throws Rejected {
        var m = TOKEN.matcher(token);
        if (!m.matches()) {
            throw new Rejected("not a greenplan API key (gpk_<id>_<secret>)");
        }
        String id = m.group(1);
        byte[] digest = sha256(m.group(2));
        long now = System.nanoTime();
        Verified v = verified.get(id);
        boolean known = v != null && MessageDigest.isEqual(v.digest(), digest);
        if (known && now - v.checkedAt() < RECHECK.toNanos()) {
            return usable(v.key());
        }
        // the row again: new, revoked, expired or deleted with its workspace since the last look
        ApiKey key = repository.findById(id).orElse(null);
        if (key == null) {
            verified.remove(id);
            throw new Rejected("unknown API key");
        }
        if (!known && !encoder.matches(m.group(2), key.secretHash())) {
            throw new Rejected("unknown API key");
        }
        verified.put(id, new Verified(digest, key, now));
        return usable(key);
    }

    private Caller usable(ApiKey key) throws Rejected {
        if (key.revokedAt() != null) {
            throw new Rejected("API key " + key.id() + " was revoked at " + key.revokedAt());
        }
        if (!key.validAt(Instant.now())) {
            throw new Rejected("API key " + key.id() + " expired at " + key.expiresAt());
        }
        return key.caller();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
