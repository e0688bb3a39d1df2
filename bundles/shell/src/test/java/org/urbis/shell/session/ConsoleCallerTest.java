package org.urbis.shell.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.Principal;
import java.security.PrivilegedAction;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;

class ConsoleCallerTest {

    /** Another login module's principals. */
    private static final class Elsewhere {
        /** Shares the simple name of Karaf's, and is no role of Karaf's. */
        private record RolePrincipal(String getName) implements Principal {}
    }

    @SuppressWarnings("removal") // the console runs each command in a Subject.doAs of the logged-in user
    private static ConsoleCaller as(Principal... principals) {
        Subject subject = new Subject(false, Set.of(principals), Set.of(), Set.of());
        return Subject.doAs(subject, (PrivilegedAction<ConsoleCaller>) ConsoleCaller::current);
    }

    @Test
    void theUserAndRolesAreKarafsPrincipals() {
        ConsoleCaller caller =
                as(new UserPrincipal("otto"), new RolePrincipal("operator"), new RolePrincipal("viewer"));
        assertEquals("otto", caller.user());
        assertEquals(Set.of("operator", "viewer"), caller.roles());
        assertEquals(caller, caller.require("sending a command", "admin", "operator"));
    }

    @Test
    void aPrincipalOfAnotherKindIsNoRoleWhateverItsName() {
        ConsoleCaller caller = as(new UserPrincipal("mallory"), new Elsewhere.RolePrincipal("admin"));
        assertEquals(Set.of(), caller.roles());
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> caller.require("overriding a schedule", "operator", "admin"));
        assertEquals("NOT_AUTHORISED: overriding a schedule takes the role operator or admin", e.getMessage());
    }

    @Test
    void withoutALoginTheCallerIsUnknownWithoutRoles() {
        ConsoleCaller caller = ConsoleCaller.current();
        assertEquals("unknown", caller.user());
        assertEquals(Set.of(), caller.roles());
    }
}
