package org.greenplan.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code greenplan.auth.oidc.*}: single sign-on with JWT bearer tokens from an OIDC issuer. Off while
 * {@code issuer} is blank. The signing keys come from {@code jwk-set-uri}, or else from the issuer's discovery
 * document (read at the first JWT, so the server starts while the issuer is down). Workspace roles come from
 * the claim {@code roles-claim} ({@link JwtCallers}).
 */
@ConfigurationProperties("greenplan.auth.oidc")
public record OidcProperties(@DefaultValue("") String issuer, @DefaultValue("") String jwkSetUri,
        @DefaultValue("greenplan_roles") String rolesClaim) {

    public boolean enabled() {
        return issuer != null && !issuer.isBlank();
    }
}
