package org.urbis.core.internal.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.urbis.api.runtime.InventoryProblem;

/** A temporary inventory folder for tests: write files into it, read it, check the problems. */
final class InventoryFolder {

    static final Set<String> DRIVERS = Set.of("streetlight-mqtt", "water-modbus", "parking-lorawan");

    /** Valid GeoJSON properties of a streetlight, to splice into features. */
    static final String LIGHT = "\"class\": \"streetlight\", \"driver\": \"streetlight-mqtt\", \"address\": \"node/1\"";

    /** A Point geometry in Phan Thiết. */
    static final String HERE = "{\"type\": \"Point\", \"coordinates\": [108.1005, 10.9298]}";

    final Path dir;

    InventoryFolder(Path dir) {
        this.dir = dir;
    }

    InventoryFolder write(String name, String content) {
        try {
            Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    InventoryReader.Result read() {
        return new InventoryReader().read(dir, DRIVERS);
    }

    /** A FeatureCollection of the given features. */
    static String collection(String... features) {
        return "{\"type\": \"FeatureCollection\", \"features\": [\n" + String.join(",\n", features) + "\n]}";
    }

    /** A feature with an id, a geometry (JSON text) and properties (JSON members without braces). */
    static String feature(String id, String geometry, String properties) {
        return "{\"type\": \"Feature\", \"id\": \"" + id + "\", \"geometry\": " + geometry + ", \"properties\": {"
                + properties + "}}";
    }

    /** A streetlight feature at {@link #HERE} with extra properties. */
    static String light(String id, String extraProperties) {
        return feature(id, HERE, LIGHT + (extraProperties.isEmpty() ? "" : ", " + extraProperties));
    }

    /** Reads the folder and asserts it has exactly one problem, at that file and location. */
    InventoryProblem onlyProblem(String file, String location, String messagePart) {
        InventoryReader.Result result = read();
        assertEquals(1, result.problems().size(), () -> "expected one problem, got:\n" + list(result));
        InventoryProblem problem = result.problems().get(0);
        assertProblem(problem, file, location, messagePart);
        assertTrue(result.devices().isEmpty(), "no devices when there is a problem");
        return problem;
    }

    static void assertProblem(InventoryProblem problem, String file, String location, String messagePart) {
        assertEquals(file, problem.file(), () -> "file of " + problem);
        assertEquals(location, problem.location(), () -> "location of " + problem);
        if (!problem.message().contains(messagePart)) {
            fail("message of " + problem + " should contain: " + messagePart);
        }
    }

    /** Asserts that one of the problems is at that file and location, with that message part. */
    static void assertHasProblem(InventoryReader.Result result, String file, String location, String messagePart) {
        boolean found = result.problems().stream()
                .anyMatch(p -> p.file().equals(file)
                        && p.location().equals(location)
                        && p.message().contains(messagePart));
        assertTrue(
                found,
                () -> "no problem " + file + ", " + location + ": ..." + messagePart + "... among:\n" + list(result));
    }

    static String list(InventoryReader.Result result) {
        return result.problems().stream().map(InventoryProblem::toString).collect(Collectors.joining("\n"));
    }
}
