package org.urbis.rest.internal.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.rest.internal.ProblemException;
import org.urbis.rest.internal.ServiceSlot;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.Role;
import org.urbis.rest.internal.security.Sessions;
import org.urbis.rest.internal.security.UserStore;

/** The users of the realm and their roles, managed by an administrator. */
@Path("users")
@Tag(name = "users")
@Produces(MediaType.APPLICATION_JSON)
public final class UsersResource {

    private static final Logger LOG = LoggerFactory.getLogger(UsersResource.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final int MIN_PASSWORD = 8;

    private final ServiceSlot<UserStore> users;
    private final Sessions sessions;

    /** The users. */
    public record UserList(List<UserStore.User> users) {}

    /**
     * A user to create or change.
     *
     * @param password at least 8 characters; may be left out when changing only the roles
     * @param roles    the user's roles, such as operator, maintenance, viewer
     */
    public record UserRequest(String password, List<String> roles) {}

    public UsersResource(ServiceSlot<UserStore> users, Sessions sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    @GET
    @Allow(Role.ADMIN)
    @Operation(summary = "Every user of the realm with their roles")
    public UserList list() {
        return new UserList(users.get().users());
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow(Role.ADMIN)
    @Operation(summary = "Creates a user or changes their password and roles; their sessions end")
    public UserStore.User put(@PathParam("name") String name, UserRequest r, @Context SecurityContext context) {
        if (!NAME.matcher(name).matches()) {
            throw ProblemException.badRequest(
                    "INVALID_REQUEST", "a user name is 1-64 letters, digits, '_', '.', '@', '-'");
        }
        if (r == null
                || r.roles() == null
                || r.roles().stream()
                        .anyMatch(x -> x == null || !ROLE.matcher(x).matches())) {
            throw ProblemException.badRequest("INVALID_REQUEST", "roles must be a list of lower-case role names");
        }
        UserStore store = users.get();
        if (r.password() == null ? store.user(name) == null : r.password().length() < MIN_PASSWORD) {
            throw ProblemException.badRequest(
                    "WEAK_PASSWORD", "a password of at least " + MIN_PASSWORD + " characters is needed");
        }
        UserStore.User u = store.put(name, r.password(), Set.copyOf(r.roles()));
        sessions.endAll(name);
        LOG.info(
                "User '{}' set by '{}' through the REST API: roles {}",
                name,
                Caller.of(context).user(),
                u.roles());
        return u;
    }

    @DELETE
    @Path("{name}")
    @Allow(Role.ADMIN)
    @Operation(summary = "Removes a user and ends their sessions; an administrator cannot remove themself")
    public Response delete(@PathParam("name") String name, @Context SecurityContext context) {
        String me = Caller.of(context).user();
        if (name.equals(me)) {
            throw new ProblemException(
                    409, "SELF_REMOVAL", "Conflict", "an administrator cannot remove their own account");
        }
        if (!users.get().delete(name)) {
            throw ProblemException.notFound("UNKNOWN_USER", "no user '" + name + "'");
        }
        sessions.endAll(name);
        LOG.info("User '{}' removed by '{}' through the REST API", name, me);
        return Response.noContent().build();
    }
}
