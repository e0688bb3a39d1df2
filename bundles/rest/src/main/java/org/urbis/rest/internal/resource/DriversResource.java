package org.urbis.rest.internal.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.urbis.api.deploy.DriverBundle;
import org.urbis.api.deploy.DriverDeployment;
import org.urbis.api.deploy.DriverRefusedException;
import org.urbis.rest.internal.ProblemException;
import org.urbis.rest.internal.ServiceSlot;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.Role;

/**
 * Driver bundles: listed with their signer and devices, deployed by a vendor (the jar uploaded, or
 * a URL the platform fetches) and rolled back. The deployment service verifies and audits every
 * step under the caller's name; a refusal is a 422 whose code says why ({@code UNTRUSTED_BUNDLE}, …).
 */
@Path("drivers")
@Tag(name = "drivers")
@Produces(MediaType.APPLICATION_JSON)
public final class DriversResource {

    private static final String JAR = "application/java-archive";

    private final ServiceSlot<DriverDeployment> deployment;
    private final long maxBytes;

    /** The driver bundles. */
    public record DriverList(List<DriverBundle> drivers) {}

    /** A bundle for the platform to fetch: {@code file:}, {@code http(s):} or {@code mvn:}. */
    public record DeployFrom(String url) {}

    public DriversResource(ServiceSlot<DriverDeployment> deployment, long maxBytes) {
        this.deployment = deployment;
        this.maxBytes = maxBytes;
    }

    @GET
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.VENDOR, Role.ADMIN})
    @Operation(summary = "Every driver bundle: version, state, why it may run (its signer), its drivers and devices")
    public DriverList list() {
        return new DriverList(deployment.get().drivers());
    }

    @POST
    @Consumes({JAR, MediaType.APPLICATION_OCTET_STREAM})
    @Allow({Role.VENDOR, Role.ADMIN})
    @Operation(
            summary =
                    "Deploys the uploaded driver bundle (a signed jar) in place of the version running now; 201 the driver "
                            + "with its devices; 422 when refused (UNTRUSTED_BUNDLE, NOT_A_BUNDLE, ALREADY_DEPLOYED, …); 413 beyond the size limit")
    public Response upload(
            @Parameter(description = "the file's name, for the audit log") @QueryParam("name") String name,
            InputStream body,
            @Context SecurityContext context)
            throws IOException {
        byte[] content = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (content.length > maxBytes) {
            throw new ProblemException(
                    413, "TOO_LARGE", "Too large", "a driver bundle may have at most " + maxBytes + " bytes");
        }
        String source = "upload" + (name == null || name.isBlank() ? "" : " " + name.strip());
        return deployed(() -> deployment
                .get()
                .deploy(
                        new ByteArrayInputStream(content),
                        source,
                        Caller.of(context).user()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({Role.VENDOR, Role.ADMIN})
    @Operation(
            summary =
                    "Deploys the driver bundle at `url` in place of the version running now; 201 the driver; 422 when refused")
    public Response fetch(DeployFrom from, @Context SecurityContext context) {
        if (from == null || from.url() == null || from.url().isBlank()) {
            throw ProblemException.badRequest(
                    "INVALID_REQUEST", "give the bundle's url, e.g. {\"url\": \"file:/tmp/acme-1.1.0.jar\"}");
        }
        URI url;
        try {
            url = URI.create(from.url().strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("INVALID_REQUEST", "not a URL: " + from.url());
        }
        return deployed(() -> deployment.get().deploy(url, Caller.of(context).user()));
    }

    @POST
    @Path("{bundle}/rollback")
    @Allow({Role.VENDOR, Role.ADMIN})
    @Operation(
            summary =
                    "Puts back the version of a driver (bundle symbolic name or driver id) that ran before its last deployment")
    public DriverBundle rollback(@PathParam("bundle") String bundle, @Context SecurityContext context) {
        try {
            return deployment.get().rollback(bundle, Caller.of(context).user());
        } catch (DriverRefusedException e) {
            throw refused(e);
        }
    }

    private interface Deploy {
        DriverBundle run() throws DriverRefusedException;
    }

    private static Response deployed(Deploy deploy) {
        try {
            DriverBundle d = deploy.run();
            return Response.created(URI.create("/api/v1/drivers/" + d.bundle()))
                    .entity(d)
                    .build();
        } catch (DriverRefusedException e) {
            throw refused(e);
        }
    }

    private static ProblemException refused(DriverRefusedException e) {
        return ProblemException.unprocessable(e.reason(), e.getMessage(), List.of());
    }
}
