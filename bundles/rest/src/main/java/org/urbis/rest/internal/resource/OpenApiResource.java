package org.urbis.rest.internal.resource;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Set;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.Role;

/** The OpenAPI 3 description of the API, read from the resource classes themselves. */
@Path("openapi.json")
@Tag(name = "openapi")
public final class OpenApiResource {

    private final Set<Class<?>> resources;
    private final String version;
    private volatile String document;

    public OpenApiResource(Set<Class<?>> resources, String version) {
        this.resources = Set.copyOf(resources);
        this.version = version;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Allow(Role.ANYONE)
    @Operation(summary = "This description")
    public String document() throws com.fasterxml.jackson.core.JsonProcessingException {
        String d = document;
        if (d == null) {
            d = Json.mapper().writeValueAsString(describe(resources, version));
            document = d;
        }
        return d;
    }

    /** The description of the resources, served under {@code /api/v1}. */
    public static OpenAPI describe(Set<Class<?>> resources, String version) {
        OpenAPI base = new OpenAPI()
                .info(
                        new Info()
                                .title("Urbis REST API")
                                .version(version)
                                .description(
                                        "Devices, alarms, commands, schedules, audit, telemetry, inventory and users of an "
                                                + "Urbis site. Authenticate with HTTP Basic, or with the session of POST /session and its "
                                                + "X-CSRF-Token header. Errors are application/problem+json with a reason code."))
                .servers(List.of(new Server().url("/api/v1")));
        Reader reader = new Reader(new SwaggerConfiguration().openAPI(base).prettyPrint(false));
        return reader.read(resources);
    }
}
