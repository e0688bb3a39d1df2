package org.urbis.rest.internal.resource;

import javax.ws.rs.core.SecurityContext;
import org.urbis.rest.internal.security.Identity;

/** The authenticated caller of a resource method (the role check has let only users through). */
final class Caller {

    private Caller() {}

    static Identity of(SecurityContext context) {
        if (context.getUserPrincipal() instanceof Identity who) {
            return who;
        }
        throw new IllegalStateException("no authenticated caller: the method must not allow ANYONE");
    }
}
