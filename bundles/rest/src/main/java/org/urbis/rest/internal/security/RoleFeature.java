package org.urbis.rest.internal.security;

import java.lang.reflect.Method;
import java.util.Arrays;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.DynamicFeature;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.FeatureContext;
import javax.ws.rs.core.HttpHeaders;
import org.urbis.rest.internal.Problem;
import org.urbis.rest.internal.ProblemException;

/**
 * Enforces each resource method's {@link Allow} list, deny by default: a method without one is
 * refused to everyone. Without a user the answer is 401, with a user who lacks the role 403.
 */
public final class RoleFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method m = resource.getResourceMethod();
        Allow allow = m == null ? null : m.getAnnotation(Allow.class);
        context.register(new Check(allow == null ? new Role[0] : allow.value(), m == null ? "?" : m.toGenericString()));
    }

    /** The check of one method. */
    static final class Check implements ContainerRequestFilter {

        private final Role[] allowed;
        private final String method;

        Check(Role[] allowed, String method) {
            this.allowed = allowed.clone();
            this.method = method;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (allowed.length == 0) {
                throw new ProblemException(403, "NOT_AUTHORISED", "Forbidden", "no role may call " + method);
            }
            if (Arrays.asList(allowed).contains(Role.ANYONE)) {
                return;
            }
            if (!(request.getSecurityContext().getUserPrincipal() instanceof Identity who)) {
                throw unauthenticated(request);
            }
            if (!who.hasAny(allowed)) {
                throw new ProblemException(
                        403,
                        "NOT_AUTHORISED",
                        "Forbidden",
                        "user '" + who.user() + "' has none of the roles "
                                + Arrays.stream(allowed).map(Role::id).toList());
            }
        }
    }

    /**
     * A 401 problem; it asks for Basic credentials only when the caller is not a page script (which
     * says so with {@code X-Requested-With}), so that a browser shows no password dialog over the console.
     */
    static ProblemException unauthenticated(ContainerRequestContext request) {
        Problem p = Problem.of(
                401,
                "NOT_AUTHENTICATED",
                "Not authenticated",
                "log in: HTTP Basic credentials, or a session from POST /api/v1/session");
        return request.getHeaderString("X-Requested-With") == null
                ? new ProblemException(
                        p, java.util.Map.of(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"urbis\", charset=\"UTF-8\""))
                : new ProblemException(p, java.util.Map.of());
    }
}
