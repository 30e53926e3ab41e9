package org.greenplan.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Where absolute links point. {@code greenplan.public-url} (the address users reach the server at, e.g.
 * behind a reverse proxy) wins when set. Otherwise, only with {@code greenplan.trust-forwarded-headers=true},
 * Spring's ForwardedHeaderFilter takes scheme, host and prefix from {@code Forwarded}/{@code X-Forwarded-*};
 * set that only when a proxy that overwrites those headers stands in front, or any client can choose the
 * host of our links. By default both are off and links use the request's own scheme, host and port.
 */
@Configuration
public class ProxySettings {

    @Bean
    @ConditionalOnExpression("!'${greenplan.public-url:}'.isBlank()")
    FilterRegistrationBean<PublicUrl> publicUrlFilter(PublicLinksProperties settings) {
        FilterRegistrationBean<PublicUrl> r = new FilterRegistrationBean<>(new PublicUrl(settings.publicUrl()));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return r;
    }

    @Bean
    @ConditionalOnExpression("'${greenplan.public-url:}'.isBlank()")
    @ConditionalOnProperty(name = "greenplan.trust-forwarded-headers", havingValue = "true")
    FilterRegistrationBean<ForwardedHeaderFilter> forwardedHeaderFilter() {
        FilterRegistrationBean<ForwardedHeaderFilter> r = new FilterRegistrationBean<>(new ForwardedHeaderFilter());
        r.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return r;
    }

    /** Puts the configured public base URL where {@link Links#base()} finds it. */
    static final class PublicUrl extends OncePerRequestFilter {
        private final String base;

        /** {@code url}: checked and trimmed by {@link PublicLinksProperties}. */
        PublicUrl(String url) {
            this.base = url;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            request.setAttribute(Links.PUBLIC_BASE, base);
            chain.doFilter(request, response);
        }
    }
}
