package org.greenplan.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springdoc.core.customizers.SpringDocCustomizers;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.providers.SpringDocProviders;
import org.springdoc.core.service.AbstractRequestService;
import org.springdoc.core.service.GenericResponseService;
import org.springdoc.core.service.OpenAPIService;
import org.springdoc.core.service.OperationService;
import org.springdoc.webmvc.api.OpenApiWebMvcResource;
import org.springframework.beans.factory.ObjectFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The generated contract at {@code /api} (springdoc's document endpoint, see {@link ApiContract}), as the OGC
 * landing page's {@code service-desc} link promises it: media type {@code application/vnd.oai.openapi+json;
 * version=3.0} whether the client asks for that or for plain JSON (GDAL and QGIS ask for both), and the
 * servers entry under the public URL like every other link ({@link Links}).
 */
public class OpenApiDocument extends OpenApiWebMvcResource {

    static final String PATH = "/api";

    OpenApiDocument(ObjectFactory<OpenAPIService> openApi, AbstractRequestService requests,
            GenericResponseService responses, OperationService operations, SpringDocConfigProperties properties,
            SpringDocProviders providers, SpringDocCustomizers customizers) {
        super(openApi, requests, responses, operations, properties, providers, customizers);
    }

    @Override
    @Operation(summary = "This API definition (OpenAPI 3.0, generated from the code)", tags = "OGC API - Features")
    @GetMapping(value = PATH, produces = {Links.OPENAPI, "application/json"})
    public byte[] openapiJson(HttpServletRequest request, @Value(PATH) String apiDocsUrl, Locale locale)
            throws JsonProcessingException {
        // a preset content type is sent as it is, whichever of the two media types the Accept header matched
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a) {
            HttpServletResponse response = a.getResponse();
            if (response != null) {
                response.setContentType(Links.OPENAPI);
            }
        }
        return super.openapiJson(request, apiDocsUrl, locale);
    }

    @Override
    protected String getServerUrl(HttpServletRequest request, String apiDocsUrl) {
        return Links.base();
    }
}
