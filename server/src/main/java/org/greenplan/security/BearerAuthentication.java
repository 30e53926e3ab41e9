package org.greenplan.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Who a bearer token stands for, by its form: an API key ({@code gpk_…}, {@link ApiKeys}), a JWT from the
 * configured OIDC issuer (three dot-separated parts; {@link JwtCallers}), or one of the configured tokens of
 * the environment ({@link TokenRegistry}: the bootstrap admin token). Anything else is refused with 401. The
 * caller of an accepted token is left in the request ({@link Caller#REQUEST_ATTRIBUTE}), where controllers
 * and the audit log read it.
 */
@Component
public class BearerAuthentication implements AuthenticationManagerResolver<HttpServletRequest> {

    private final ApiKeys keys;
    private final TokenRegistry configured;
    private final OidcProperties oidc;
    private final JwtDecoder jwts;

    public BearerAuthentication(ApiKeys keys, TokenRegistry configured, OidcProperties oidc) {
        this.keys = keys;
        this.configured = configured;
        this.oidc = oidc;
        this.jwts = oidc.enabled() ? new SupplierJwtDecoder(() -> decoder(oidc)) : null;
    }

    /** The token of {@code Authorization: Bearer …}; only the header, never a parameter (that would read a body). */
    static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    @Override
    public AuthenticationManager resolve(HttpServletRequest request) {
        return authentication -> {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            Caller caller = callerOf(token);
            request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller);
            return new CallerAuthentication(caller);
        };
    }

    /** The caller of a token; a refusal is a BadCredentialsException saying why (public for the benchmark). */
    public Caller callerOf(String token) {
        if (ApiKeys.looksLikeKey(token)) {
            try {
                return keys.authenticate(token);
            } catch (ApiKeys.Rejected rejected) {
                throw new BadCredentialsException(rejected.getMessage());
            }
        }
        if (jwts != null && token.chars().filter(c -> c == '.').count() == 2) {
            try {
                return JwtCallers.caller(jwts.decode(token), oidc.rolesClaim());
            } catch (JwtException e) {
                throw new BadCredentialsException("the JWT is not valid: " + e.getMessage());
            }
        }
        return configured.resolve(token).orElseThrow(() -> new BadCredentialsException("the token is not valid"));
    }

    private static JwtDecoder decoder(OidcProperties oidc) {
        NimbusJwtDecoder decoder = oidc.jwkSetUri().isBlank()
                ? NimbusJwtDecoder.withIssuerLocation(oidc.issuer()).build()
                : NimbusJwtDecoder.withJwkSetUri(oidc.jwkSetUri()).build();
        // signature (by the decoder), expiry and not-before (60 s of clock skew), and the issuer
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(oidc.issuer()));
        return decoder;
    }
}
