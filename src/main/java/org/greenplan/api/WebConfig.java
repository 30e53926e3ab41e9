package org.greenplan.api;

import org.greenplan.security.AuthInterceptor;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
public class WebConfig implements WebMvcConfigurer {

    private final AuthInterceptor auth;

    public WebConfig(AuthInterceptor auth) {
        this.auth = auth;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(auth);
    }

    /**
     * Dashboards on other origins call the API from the browser. Any origin may: authority travels in a
     * bearer token the caller must hold, never in cookies, so there are no ambient credentials to abuse.
     */
    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/**").allowedOriginPatterns("*").allowedMethods("GET", "HEAD", "POST", "DELETE", "OPTIONS")
                .allowedHeaders("*").exposedHeaders("ETag", "Location", "Content-Disposition").allowCredentials(false)
                .maxAge(3600);
    }
}
