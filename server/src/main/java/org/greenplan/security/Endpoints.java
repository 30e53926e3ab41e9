package org.greenplan.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import jakarta.servlet.ServletException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Which controller method a request will reach, found before the DispatcherServlet runs, so that filters can
 * apply the method's rules (its role, its body limit) before a byte of the body is read. Looked up once per
 * request with Spring MVC's own mapping, so it cannot disagree with where the request is dispatched.
 */
@Component
public class Endpoints {

    private static final String ATTRIBUTE = Endpoints.class.getName() + ".endpoint";

    /**
     * The method that will answer, its handler chain (for the CORS headers of a refusal) and the URI template
     * variables of its mapping (the workspace {@code ws}, a layer id …).
     */
    public record Endpoint(HandlerMethod method, HandlerExecutionChain chain, Map<String, String> variables) {

        public Endpoint {
            variables = variables == null ? Map.of() : Map.copyOf(variables);
        }
    }

    private static final Endpoint NONE = new Endpoint(null, null, null);

    private final ObjectProvider<RequestMappingHandlerMapping> mapping;

    // a provider: filters are made while the web server starts, before Spring MVC's mappings exist
    public Endpoints(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mapping) {
        this.mapping = mapping;
    }

    /**
     * The controller method of this request; empty when none matches (404, or 405/415 for a path that exists
     * with another method or media type: the DispatcherServlet answers those without reading the body).
     */
    public Optional<Endpoint> find(HttpServletRequest request) {
        Endpoint e = request.getAttribute(ATTRIBUTE) instanceof Endpoint cached ? cached : lookup(request);
        request.setAttribute(ATTRIBUTE, e);
        return e == NONE ? Optional.empty() : Optional.of(e);
    }

    private Endpoint lookup(HttpServletRequest request) {
        // the lookup leaves attributes behind (parsed path, URI variables); keep them away from the real dispatch
        HttpServletRequest sandbox = new AttributeSandbox(request);
        try {
            ServletRequestPathUtils.parseAndCache(sandbox);
            HandlerExecutionChain chain = mapping.getObject().getHandler(sandbox);
            if (chain != null && chain.getHandler() instanceof HandlerMethod m) {
                @SuppressWarnings("unchecked")
                Map<String, String> variables = (Map<String, String>) sandbox
                        .getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
                return new Endpoint(m, chain, variables);
            }
        } catch (ServletException noMatch) {
            // method or media type not supported (405/415/406): the DispatcherServlet says so itself. Anything
            // else propagates: a failed lookup must not let a request past the checks.
        } catch (Exception e) {
            throw new IllegalStateException("cannot find the endpoint of " + request.getRequestURI(), e);
        }
        return NONE;
    }

    /** A request whose attribute changes stay in the wrapper. */
    private static final class AttributeSandbox extends HttpServletRequestWrapper {
        private static final Object REMOVED = new Object();
        private final Map<String, Object> own = new HashMap<>();

        AttributeSandbox(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            Object v = own.get(name);
            return v == REMOVED ? null : v != null ? v : super.getAttribute(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            own.put(name, value == null ? REMOVED : value);
        }

        @Override
        public void removeAttribute(String name) {
            own.put(name, REMOVED);
        }
    }
}
