package org.urbis.rest.internal.security;

import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * A user the realm authenticated, with the roles it gave them.
 *
 * @param user  the user name
 * @param roles the role names, as the realm spells them
 */
public record Identity(String user, Set<String> roles) implements Principal {

    public Identity {
        Objects.requireNonNull(user, "user");
        roles = Set.copyOf(roles);
    }

    @Override
    public String getName() {
        return user;
    }

    /** Whether the user has at least one of the roles (always, for {@link Role#ANYONE}). */
    public boolean hasAny(Role... allowed) {
        for (Role r : allowed) {
            if (r == Role.ANYONE || roles.contains(r.id())) {
                return true;
            }
        }
        return false;
    }
}
