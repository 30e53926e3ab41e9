package org.greenplan.api;

import static org.greenplan.SettingChecks.require;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code greenplan.public-url} and {@code greenplan.trust-forwarded-headers}: where absolute links point (see
 * {@link ProxySettings}). A public URL, when set, is an absolute http(s) URL; it is kept without trailing
 * slashes, so links append paths to it.
 */
@ConfigurationProperties("greenplan")
public record PublicLinksProperties(@DefaultValue("") String publicUrl,
        @DefaultValue("false") boolean trustForwardedHeaders) {

    public PublicLinksProperties {
        publicUrl = publicUrl == null ? "" : publicUrl.trim();
        if (!publicUrl.isEmpty()) {
            URI u = URI.create(publicUrl);
            require(u.isAbsolute() && u.getHost() != null && (u.getScheme().equals("http") || u.getScheme().equals("https")),
                    "greenplan.public-url", "'" + publicUrl + "'",
                    "must be an absolute http(s) URL such as https://maps.example.org/greenplan");
            publicUrl = publicUrl.replaceAll("/+$", "");
        }
    }
}
