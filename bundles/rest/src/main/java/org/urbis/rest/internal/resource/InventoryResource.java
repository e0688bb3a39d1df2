package org.urbis.rest.internal.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.runtime.Inventory;
import org.urbis.api.runtime.InventoryProblem;
import org.urbis.api.runtime.InventoryReport;
import org.urbis.rest.internal.Problem;
import org.urbis.rest.internal.ProblemException;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.Role;

/**
 * The device inventory: the report of its last load, and files uploaded into its folder. A load is
 * all or nothing: an upload that makes it fail is taken out again, and the inventory in force stays.
 */
@javax.ws.rs.Path("inventory")
@Tag(name = "inventory")
@Produces(MediaType.APPLICATION_JSON)
public final class InventoryResource {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryResource.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\\.(geojson|json|csv)");

    private final Inventory inventory;
    private final long maxBytes;

    /** The report of a load. */
    public record ReportView(
            String loadedAt,
            boolean accepted,
            int files,
            int devices,
            int added,
            int updated,
            int removed,
            List<InventoryProblem> problems) {

        static ReportView of(InventoryReport r) {
            return new ReportView(
                    r.time().toString(),
                    r.applied(),
                    r.files(),
                    r.devices(),
                    r.added(),
                    r.updated(),
                    r.removed(),
                    r.problems());
        }
    }

    public InventoryResource(Inventory inventory, long maxBytes) {
        this.inventory = inventory;
        this.maxBytes = maxBytes;
    }

    @GET
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "The report of the last load: devices in force, and every problem when it was refused")
    public ReportView report() {
        InventoryReport r = inventory.lastReport();
        if (r == null) {
            throw ProblemException.notFound("NO_INVENTORY_LOADED", "the inventory has not been loaded yet");
        }
        return ReportView.of(r);
    }

    @PUT
    @javax.ws.rs.Path("files/{name}")
    @Consumes(MediaType.WILDCARD)
    @Allow(Role.ADMIN)
    @Operation(
            summary = "Puts a file (*.geojson, *.csv, *.profiles.json) into the inventory folder and loads it; "
                    + "a refused load takes it out again (422 listing the problems); 413 beyond the size limit")
    public ReportView upload(@PathParam("name") String name, InputStream body) throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw ProblemException.badRequest(
                    "INVALID_FILE_NAME",
                    "an inventory file is named like site.geojson, "
                            + "lights.csv or lamps.profiles.json: letters, digits, '_', '.', '-'");
        }
        byte[] content = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (content.length > maxBytes) {
            throw new ProblemException(
                    413, "TOO_LARGE", "Too large", "an inventory file may have at most " + maxBytes + " bytes");
        }
        Path folder = inventory.directory();
        Path target = folder.resolve(name);
        byte[] previous = Files.exists(target) ? Files.readAllBytes(target) : null;
        Path staged = Files.createTempFile(folder, ".upload-", ".tmp");
        try {
            Files.write(staged, content);
            move(staged, target);
        } finally {
            Files.deleteIfExists(staged);
        }
        InventoryReport r = inventory.reload();
        if (!r.applied()) {
            if (previous == null) {
                Files.deleteIfExists(target);
            } else {
                Files.write(target, previous);
            }
            LOG.warn(
                    "Inventory file {} uploaded through the REST API refused and taken out: {} problem(s)",
                    name,
                    r.problems().size());
            throw new ProblemException(
                    Problem.of(
                                    422,
                                    "INVENTORY_REFUSED",
                                    "Inventory refused",
                                    "the inventory with " + name + " has "
                                            + r.problems().size()
                                            + " problem(s); nothing was applied and the file was taken out")
                            .withProblems(r.problems().stream()
                                    .map(InventoryProblem::toString)
                                    .toList()),
                    java.util.Map.of());
        }
        LOG.info("Inventory file {} uploaded through the REST API: {} device(s) in force", name, r.devices());
        return ReportView.of(r);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
