package org.greenplan.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.greenplan.workspace.Workspace;
import org.greenplan.workspace.WorkspaceCache;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Gives a handler its {@link WorkspaceScope}: the workspace the path's {@code ws} variable names (404 naming it
 * when there is none such), or the default workspace on a path without the variable. Taken from {@link WorkspaceCache}:
 * no query and no transaction for a request whose workspace was read a moment ago (every tile of a map).
 */
@Component
class WorkspaceScopeResolver implements HandlerMethodArgumentResolver {

    private final WorkspaceCache workspaces;

    WorkspaceScopeResolver(WorkspaceCache workspaces) {
        this.workspaces = workspaces;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == WorkspaceScope.class;
    }

    @Override
    public WorkspaceScope resolveArgument(MethodParameter parameter, ModelAndViewContainer mav,
            NativeWebRequest request, WebDataBinderFactory binders) {
        HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
        @SuppressWarnings("unchecked")
        Map<String, String> variables = http == null ? null
                : (Map<String, String>) http.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String ws = variables == null ? null : variables.get(WorkspaceScope.VARIABLE);
        if (ws == null) {
            return new WorkspaceScope(workspaces.require(Workspace.DEFAULT_ID), true);
        }
        return new WorkspaceScope(workspaces.require(ws), false);
    }
}
