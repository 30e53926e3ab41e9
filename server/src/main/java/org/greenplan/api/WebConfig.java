package org.greenplan.api;

import jakarta.servlet.MultipartConfigElement;
import org.greenplan.limits.RequestLimits;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
public class WebConfig implements WebMvcConfigurer {

    private final WorkspaceScopeResolver workspaceScopes;

    public WebConfig(WorkspaceScopeResolver workspaceScopes) {
        this.workspaceScopes = workspaceScopes;
    }

    /** Handlers take the request's workspace as a {@link WorkspaceScope} parameter. */
    @Override
    public void addArgumentResolvers(java.util.List<org.springframework.web.method.support.HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(workspaceScopes);
    }

    /**
     * Multipart as configured under spring.servlet.multipart, with the whole request limited to the upload
     * size plus a small margin for the other form fields (it was unlimited): an upload is one file.
     */
    @Bean
    MultipartConfigElement multipartConfigElement(MultipartProperties multipart, RequestLimits limits) {
        MultipartConfigElement base = multipart.createMultipartConfig();
        return new MultipartConfigElement(base.getLocation(), limits.uploadBytes(), limits.multipartRequestBytes(),
                base.getFileSizeThreshold());
    }

    /**
     * Dashboards on other origins call the API from the browser. Any origin may: authority travels in a
     * bearer token the caller must hold, never in cookies, so there are no ambient credentials to abuse.
     */
    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/**").allowedOriginPatterns("*").allowedMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
                .allowedHeaders("*").exposedHeaders("ETag", "Location", "Content-Disposition").allowCredentials(false)
                .maxAge(3600);
    }
}
