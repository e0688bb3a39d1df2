package org.urbis.core.internal.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InventoryFileKindTest {

    @Test
    void tellsTheKindByName() {
        assertEquals(InventoryFileKind.PROFILES, InventoryFileKind.of("city.profiles.json"));
        assertEquals(InventoryFileKind.PROFILES, InventoryFileKind.of("City.Profiles.JSON"));
        assertEquals(InventoryFileKind.GEOJSON, InventoryFileKind.of("lights.geojson"));
        assertEquals(InventoryFileKind.GEOJSON, InventoryFileKind.of("lights.GeoJSON"));
        assertEquals(InventoryFileKind.GEOJSON, InventoryFileKind.of("parking.json"));
        assertEquals(InventoryFileKind.CSV, InventoryFileKind.of("valves.CSV"));
    }

    @Test
    void leavesAloneTheFilesOtherBundlesOwn() {
        Set<String> owned = InventoryFileOwners.parse("parking.json, .Irrigation.CSV");
        assertNull(InventoryFileKind.of("streets.parking.json", owned));
        assertNull(InventoryFileKind.of("Streets.PARKING.json", owned));
        assertNull(InventoryFileKind.of("park.irrigation.csv", owned));
        assertEquals(
                InventoryFileKind.GEOJSON, InventoryFileKind.of("parking.json", owned), "the ending, not the name");
        assertEquals(
                InventoryFileKind.GEOJSON, InventoryFileKind.of("streets.parking.json"), "nobody owns it: it is JSON");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                ".lights.geojson",
                ".lights.geojson.swp",
                "lights.geojson~",
                "valves.csv.tmp",
                "valves.csv.part",
                ".~lock.valves.csv#",
                "valves.swp",
                "x.tmp",
                "README.md",
                "map.kml",
                "valves.xlsx",
                "4913"
            })
    void leavesOtherFilesAlone(String name) {
        assertNull(InventoryFileKind.of(name));
    }
}
