package org.urbis.api.runtime;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The device inventory, loaded from GeoJSON and CSV files in a watched folder and reloaded when
 * they change.
 */
@ProviderType
public interface Inventory {

    /** The folder the inventory is read from. */
    Path directory();

    /** Reads the folder now and applies it when it is free of problems. */
    InventoryReport reload();

    /** The report of the last load, or {@code null} before the first. */
    InventoryReport lastReport();
}
