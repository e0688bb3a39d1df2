package org.urbis.rest.internal.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.apache.karaf.jaas.modules.BackingEngineFactory;

/**
 * The users of a JAAS realm, changed through Karaf's backing engine of the realm's login module, as
 * {@code jaas:useradd} does: with {@code encryption.enabled} in {@code etc/org.apache.karaf.jaas.cfg}
 * the properties realm stores password digests, never the passwords.
 */
public final class UserStore {

    private final BackingEngine engine;

    /** A user with the roles the realm gives them (their groups' included). */
    public record User(String name, List<String> roles) {}

    private UserStore(BackingEngine engine) {
        this.engine = engine;
    }

    /** Where Karaf's realm names the login module its proxy stands for. */
    private static final String MODULE_OPTION = "org.apache.karaf.jaas.module";

    /** The store of the realm's first login module that one of the factories has an engine for, or {@code null}. */
    public static UserStore of(JaasRealm realm, Collection<BackingEngineFactory> factories) {
        for (AppConfigurationEntry entry : realm.getEntries()) {
            for (BackingEngineFactory f : factories) {
                if (f.getModuleClass().equals(entry.getOptions().get(MODULE_OPTION))) {
                    return new UserStore(f.build(entry.getOptions()));
                }
            }
        }
        return null;
    }

    public synchronized List<User> users() {
        return engine.listUsers().stream()
                .map(u -> new User(u.getName(), roles(u)))
                .sorted(java.util.Comparator.comparing(User::name))
                .toList();
    }

    public synchronized User user(String name) {
        UserPrincipal u = engine.lookupUser(name);
        return u == null ? null : new User(u.getName(), roles(u));
    }

    /**
     * Creates or changes a user: the password when one is given, and the roles of their own entry
     * (group roles stay as they are).
     */
    public synchronized User put(String name, String password, Set<String> roles) {
        UserPrincipal existing = engine.lookupUser(name);
        if (password != null) {
            engine.addUser(name, password);
        }
        Set<String> had = new TreeSet<>();
        if (existing != null) {
            engine.listRoles(existing).forEach(r -> had.add(r.getName()));
        }
        for (String r : had) {
            if (!roles.contains(r)) {
                engine.deleteRole(name, r);
            }
        }
        for (String r : roles) {
            if (!had.contains(r)) {
                engine.addRole(name, r);
            }
        }
        return user(name);
    }

    public synchronized boolean delete(String name) {
        if (engine.lookupUser(name) == null) {
            return false;
        }
        engine.deleteUser(name);
        return true;
    }

    private List<String> roles(UserPrincipal u) {
        return engine.listRoles(u).stream()
                .map(RolePrincipal::getName)
                .distinct()
                .sorted()
                .toList();
    }
}
