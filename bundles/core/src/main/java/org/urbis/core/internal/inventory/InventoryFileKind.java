package org.urbis.core.internal.inventory;

import java.util.Locale;
import java.util.Set;

/** The kinds of file the inventory folder holds, told apart by name. */
enum InventoryFileKind {
    /** {@code *.profiles.json}: named point lists that devices refer to. */
    PROFILES,
    /** {@code *.geojson} and any other {@code *.json}: a GeoJSON FeatureCollection. */
    GEOJSON,
    /** {@code *.csv}: one device per row. */
    CSV;

    /**
     * The kind of an inventory file, or {@code null} for a file that the reader and the watcher
     * leave alone: hidden files, editor backups and swap files, partial downloads, and anything
     * that is not JSON or CSV.
     */
    static InventoryFileKind of(String fileName) {
        return of(fileName, Set.of());
    }

    /**
     * As {@link #of(String)}, leaving alone as well the files other bundles own (see
     * {@link InventoryFileOwners}), by the endings of their names in lower case.
     */
    static InventoryFileKind of(String fileName, Set<String> ownedSuffixes) {
        String name = fileName.toLowerCase(Locale.ROOT);
        // Editors and copy tools write these next to the real file while it is being changed;
        // reading them would load half-written or stale content.
        if (name.startsWith(".")
                || name.endsWith("~")
                || name.endsWith(".swp")
                || name.endsWith(".tmp")
                || name.endsWith(".part")) {
            return null;
        }
        for (String owned : ownedSuffixes) {
            if (name.endsWith(owned)) {
                return null;
            }
        }
        if (name.endsWith(".profiles.json")) {
            return PROFILES;
        }
        if (name.endsWith(".geojson") || name.endsWith(".json")) {
            return GEOJSON;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        return null;
    }
}
