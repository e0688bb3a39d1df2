package org.urbis.trust.internal;

import java.security.AccessController;
import java.security.Principal;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/** Who is acting: the user of the console or REST session this thread works for. */
public final class Issuer {

    private Issuer() {}

    /** The user on whose behalf this thread works, or {@code fallback} when it works for nobody in particular. */
    @SuppressWarnings(
            "removal") // the console runs each command in a Subject.doAs of the logged-in user; nothing else says who
    public static String current(String fallback) {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            for (Principal p : subject.getPrincipals()) {
                if (p instanceof UserPrincipal) {
                    return p.getName();
                }
            }
        }
        return fallback;
    }
}
