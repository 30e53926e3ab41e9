package org.greenplan.security;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security's filter chain. It runs as a servlet filter before the DispatcherServlet (order
 * {@link #FILTER_ORDER}), which parses multipart bodies: a refused upload is answered 401/403 without a byte of
 * it read. Nothing in the chain reads a request parameter (a form parameter would read the body): the bearer
 * token comes from the Authorization header only.
 */
@Configuration
public class SecurityConfig {

    /** Spring Boot's order of the security filter chain; the body limit and Vary filters run just after it. */
    public static final int FILTER_ORDER = -100;

    /** API key secrets are hashed with bcrypt, stored with their "{bcrypt}" id so the algorithm can change. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * No Micrometer observation around each security filter and each access decision. Spring Security makes one per
     * filter (a timer and a long-task timer each) when the actuator's registry is there: a sixth of a cached tile's
     * request-thread time (docs/BENCHMARKS.md, tiles). Every request is still timed once, by http.server.requests.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, BearerAuthentication bearer, AccessRules rules,
            ProblemRefusals refusals, Endpoints endpoints, EndpointRoles roles, WorkspaceVisibility visibility)
            throws Exception {
        http
                // Stateless bearer API: no session, no cookie, no login form. CSRF protection is for credentials a
                // browser attaches by itself (cookies, basic auth); a bearer token is attached by the caller's own
                // code, which another site's page cannot make the browser do, so there is nothing to forge.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                // api/SecurityHeaders sets the browser protections (CSP, nosniff, Referrer-Policy, frame options) on
                // every response; Spring's own would add "Cache-Control: no-store" and end tile caching
                .headers(AbstractHttpConfigurer::disable)
                .oauth2ResourceServer(o -> o
                        .bearerTokenResolver(BearerAuthentication::bearer)
                        .authenticationManagerResolver(bearer)
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .authorizeHttpRequests(a -> a
                        // an error page or an async completion belongs to a request authorized already
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .anyRequest().access(rules))
                .addFilterBefore(new ScopeFilter(endpoints, roles, visibility), BearerTokenAuthenticationFilter.class);
        return http.build();
    }
}
