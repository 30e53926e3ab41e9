package org.greenplan.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.greenplan.api.BadRequestException;
import org.greenplan.api.NotFoundException;
import org.greenplan.workspace.WorkspaceRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * API keys, managed by admins: a workspace's keys under {@code /api/v1/workspaces/{ws}/keys} (an admin of that
 * workspace), the global keys under {@code /api/v1/keys} (a global admin: the bootstrap token, or a global admin
 * key). The secret is in the answer of the POST and nowhere else, ever. Revoking keeps the key listed, with the
 * time of revocation.
 */
@RestController
public class KeysController {

    /** What a POST sends: a name, a role word, and optionally when the key stops working (ISO-8601 instant). */
    public record KeyRequest(String name, String role, String expiresAt) {
    }

    private final ApiKeys keys;
    private final WorkspaceRepository workspaces;

    public KeysController(ApiKeys keys, WorkspaceRepository workspaces) {
        this.keys = keys;
        this.workspaces = workspaces;
    }

    @GetMapping(value = "/api/v1/workspaces/{ws}/keys", produces = "application/json")
    @RequiresRole(Role.ADMIN)
    public Map<String, Object> list(@PathVariable String ws) {
        return Map.of("keys", keys.list(workspace(ws)).stream().map(KeysController::describe).toList());
    }

    @PostMapping(value = "/api/v1/workspaces/{ws}/keys", consumes = "application/json", produces = "application/json")
    @RequiresRole(Role.ADMIN)
    public ResponseEntity<Map<String, Object>> create(@PathVariable String ws, @RequestBody KeyRequest body,
            HttpServletRequest request) {
        return created(workspace(ws), body, request);
    }

    @DeleteMapping("/api/v1/workspaces/{ws}/keys/{keyId}")
    @RequiresRole(Role.ADMIN)
    public ResponseEntity<Void> revoke(@PathVariable String ws, @PathVariable String keyId) {
        return revoked(workspace(ws), keyId);
    }

    @GetMapping(value = "/api/v1/keys", produces = "application/json")
    @RequiresRole(Role.ADMIN)
    public Map<String, Object> listGlobal() {
        return Map.of("keys", keys.list(null).stream().map(KeysController::describe).toList());
    }

    @PostMapping(value = "/api/v1/keys", consumes = "application/json", produces = "application/json")
    @RequiresRole(Role.ADMIN)
    public ResponseEntity<Map<String, Object>> createGlobal(@RequestBody KeyRequest body, HttpServletRequest request) {
        return created(null, body, request);
    }

    @DeleteMapping("/api/v1/keys/{keyId}")
    @RequiresRole(Role.ADMIN)
    public ResponseEntity<Void> revokeGlobal(@PathVariable String keyId) {
        return revoked(null, keyId);
    }

    private String workspace(String ws) {
        if (!workspaces.existsById(RequestScope.checkedId(ws))) {
            throw new NotFoundException("no workspace '" + ws + "'");
        }
        return ws;
    }

    private ResponseEntity<Map<String, Object>> created(String ws, KeyRequest body, HttpServletRequest request) {
        if (body == null) {
            throw new BadRequestException("body", "send {\"name\": …, \"role\": …}");
        }
        String name = body.name() == null ? "" : body.name().trim();
        if (name.isEmpty() || name.length() > 200) {
            throw new BadRequestException("name", "name must be 1 to 200 characters");
        }
        Role role = role(body.role());
        Instant expires = expiry(body.expiresAt());
        String by = Caller.of(request).map(Caller::subject).orElse("unknown");
        ApiKeys.Issued issued = keys.create(ws, role, name, expires, by);
        Map<String, Object> answer = describe(issued.key());
        answer.put("token", issued.token());
        answer.put("note", "the token is shown this once; greenplan keeps only a hash of it");
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", self(issued.key())).body(answer);
    }

    private ResponseEntity<Void> revoked(String ws, String keyId) {
        if (!keys.revoke(ws, keyId)) {
            throw new NotFoundException("no API key '" + keyId + "' in " + (ws == null ? "the global keys" : "workspace '" + ws + "'"));
        }
        return ResponseEntity.noContent().build();
    }

    private static Role role(String word) {
        List<String> known = java.util.Arrays.stream(Role.values()).map(AccessRules::word).toList();
        if (word == null || !known.contains(word.trim().toLowerCase(Locale.ROOT))) {
            throw new BadRequestException("role", "role must be one of " + known);
        }
        return Role.valueOf(word.trim().toUpperCase(Locale.ROOT));
    }

    private static Instant expiry(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new BadRequestException("expiresAt", "expiresAt must be an ISO-8601 instant such as 2027-01-01T00:00:00Z");
        }
        if (!at.isAfter(Instant.now())) {
            throw new BadRequestException("expiresAt", "expiresAt must be in the future");
        }
        return at;
    }

    private static String self(ApiKey k) {
        // the POST's own URI and the id: absolute, behind a proxy too when forwarded headers are trusted
        return org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentRequestUri()
                .pathSegment(k.id()).toUriString();
    }

    private static Map<String, Object> describe(ApiKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("name", k.name());
        m.put("workspace", k.workspaceId());
        m.put("role", AccessRules.word(k.role()));
        m.put("createdBy", k.createdBy());
        m.put("createdAt", k.createdAt());
        m.put("expiresAt", k.expiresAt());
        m.put("revokedAt", k.revokedAt());
        return m;
    }
}
