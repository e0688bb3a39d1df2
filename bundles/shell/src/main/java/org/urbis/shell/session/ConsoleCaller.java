package org.urbis.shell.session;

import java.security.AccessController;
import java.security.Principal;
import java.util.Set;
import java.util.TreeSet;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/**
 * Who runs a console command: the logged-in user and the roles of the session, as the commands that act on
 * devices hand them to the command pipeline.
 *
 * @param user  the user's name, {@code unknown} without a login
 * @param roles the session's roles
 */
public record ConsoleCaller(String user, Set<String> roles) {

    public ConsoleCaller {
        roles = Set.copyOf(roles);
    }

    /** The caller of the command running on this thread: the principals Karaf's JAAS login put in its subject. */
    @SuppressWarnings("removal")
    public static ConsoleCaller current() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        String user = "unknown";
        Set<String> roles = new TreeSet<>();
        if (subject != null) {
            for (Principal p : subject.getPrincipals()) {
                if (p instanceof UserPrincipal) {
                    user = p.getName();
                } else if (p instanceof RolePrincipal) {
                    roles.add(p.getName());
                }
            }
        }
        return new ConsoleCaller(user, roles);
    }

    /** Whether the caller has at least one of the roles. */
    public boolean hasAny(String... wanted) {
        for (String r : wanted) {
            if (roles.contains(r)) {
                return true;
            }
        }
        return false;
    }

    /** This caller, or NOT_AUTHORISED naming what needs which roles unless the caller has one of them. */
    public ConsoleCaller require(String what, String... anyOf) {
        if (!hasAny(anyOf)) {
            throw new IllegalStateException(
                    "NOT_AUTHORISED: " + what + " takes the role " + String.join(" or ", anyOf));
        }
        return this;
    }
}
