package org.urbis.control.internal.shell;

import java.security.AccessController;
import java.security.Principal;
import java.util.Set;
import java.util.TreeSet;
import javax.security.auth.Subject;

/** The logged-in console user and roles, from the JAAS subject of the session. */
record ShellUser(String name, Set<String> roles) {

    static ShellUser current() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        String user = "unknown";
        Set<String> roles = new TreeSet<>();
        if (subject != null) {
            for (Principal p : subject.getPrincipals()) {
                String kind = p.getClass().getSimpleName();
                if (kind.equals("UserPrincipal")) {
                    user = p.getName();
                } else if (kind.equals("RolePrincipal")) {
                    roles.add(p.getName());
                }
            }
        }
        return new ShellUser(user, roles);
    }

    /** Throws NOT_AUTHORISED unless the user has one of the roles. */
    ShellUser require(String what, String... anyOf) {
        for (String r : anyOf) {
            if (roles.contains(r)) {
                return this;
            }
        }
        throw new IllegalStateException("NOT_AUTHORISED: " + what + " takes the role " + String.join(" or ", anyOf));
    }
}
