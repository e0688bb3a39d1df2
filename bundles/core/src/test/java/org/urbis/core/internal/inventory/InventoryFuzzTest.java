package org.urbis.core.internal.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.device.Device;
import org.urbis.api.runtime.InventoryProblem;
import org.urbis.testing.Mutations;

/**
 * The sample site's inventory files, one of them corrupted per round (seeded, bounded), as a
 * careless edit or a half-copied file would: every round either loads every device or loads none
 * and names the corrupted file, and none throws.
 */
class InventoryFuzzTest {

    private static final int ROUNDS = 3_000;

    @TempDir
    Path dir;

    @Test
    void aCorruptedFileLoadsAllOrNothingAndIsNamed() throws Exception {
        Path samples = Path.of(getClass().getResource("/inventory/phan-thiet").toURI());
        Map<String, byte[]> originals = new HashMap<>();
        try (Stream<Path> files = Files.list(samples)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                originals.put(p.getFileName().toString(), Files.readAllBytes(p));
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        List<String> names = new ArrayList<>(originals.keySet());
        names.sort(null);
        int fullSite = new InventoryReader()
                .read(dir, InventoryFolder.DRIVERS)
                .devices()
                .size();
        Random rnd = new Random(20261122L);
        int[] outcome = new int[2]; // loaded, refused
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int round = 0; round < ROUNDS; round++) {
                String name = names.get(rnd.nextInt(names.size()));
                write(name, Mutations.mutate(originals.get(name), rnd));
                InventoryReader.Result r = new InventoryReader().read(dir, InventoryFolder.DRIVERS);
                if (r.problems().isEmpty()) {
                    assertFalse(r.devices().isEmpty(), "a clean read loads devices");
                    r.devices().forEach(InventoryFuzzTest::assertWhole);
                    outcome[0]++;
                } else {
                    assertEquals(List.of(), r.devices(), "an inventory with problems loads nothing");
                    for (InventoryProblem p : r.problems()) {
                        assertTrue(names.contains(p.file()), "a problem names the file: " + p);
                        assertFalse(p.message().isBlank(), "a problem says what is wrong: " + p);
                    }
                    outcome[1]++;
                }
                write(name, originals.get(name));
            }
        });
        assertTrue(
                outcome[0] > 0 && outcome[1] > 0,
                "both outcomes seen: " + outcome[0] + " loaded, " + outcome[1] + " refused");
        assertEquals(
                fullSite,
                new InventoryReader()
                        .read(dir, InventoryFolder.DRIVERS)
                        .devices()
                        .size());
    }

    private void write(String name, byte[] content) {
        try {
            Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertWhole(Device d) {
        assertFalse(d.id().isBlank(), "a device has an id");
        assertTrue(InventoryFolder.DRIVERS.contains(d.driver()), d.id() + " has a known driver, not " + d.driver());
        assertFalse(d.address().isBlank(), d.id() + " has an address");
    }
}
