package org.greenplan.security;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code greenplan.auth.*}: the bearer tokens per role (blank admin token: one is generated per run), whether
 * reads need a token, and the secret behind the token fingerprints shown as {@code createdBy}.
 */
@ConfigurationProperties("greenplan.auth")
public record AuthProperties(@DefaultValue("") String adminToken, @DefaultValue List<String> analystTokens,
        @DefaultValue List<String> readerTokens, @DefaultValue("true") boolean publicRead,
        @DefaultValue("") String fingerprintSecret,
        @DefaultValue(".data/fingerprint-secret") Path fingerprintSecretFile) {

    public AuthProperties {
        analystTokens = analystTokens == null ? List.of() : List.copyOf(analystTokens);
        readerTokens = readerTokens == null ? List.of() : List.copyOf(readerTokens);
    }
}
