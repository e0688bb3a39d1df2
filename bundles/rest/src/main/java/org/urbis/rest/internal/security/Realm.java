package org.urbis.rest.internal.security;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/** Checks a user name and password against a JAAS realm of Karaf, as its web console and SSH do. */
public class Realm {

    private final String name;

    /** @param name the JAAS realm, {@code karaf} for the users the console and SSH know */
    public Realm(String name) {
        this.name = name;
    }

    /** The user with their roles, or empty when the realm refuses the credentials. */
    public Optional<Identity> login(String user, String password) {
        Subject subject = new Subject();
        try {
            LoginContext context = new LoginContext(name, subject, callbacks -> {
                for (var c : callbacks) {
                    if (c instanceof NameCallback n) {
                        n.setName(user);
                    } else if (c instanceof PasswordCallback p) {
                        p.setPassword(password.toCharArray());
                    } else {
                        throw new UnsupportedCallbackException(c);
                    }
                }
            });
            context.login();
        } catch (LoginException e) {
            return Optional.empty();
        }
        String found = user;
        Set<String> roles = new TreeSet<>();
        for (Principal p : subject.getPrincipals()) {
            if (p instanceof UserPrincipal) {
                found = p.getName();
            } else if (p instanceof RolePrincipal) {
                roles.add(p.getName());
            }
        }
        return Optional.of(new Identity(found, roles));
    }
}
