package org.urbis.core.internal.inventory;

import java.util.ArrayList;
import java.util.List;
import org.urbis.api.runtime.InventoryProblem;

/**
 * The problems found in one inventory file, in the order they were found, and its warnings: what
 * is worth saying but does not stop the inventory from loading.
 */
final class Problems {

    private final String file;
    private final List<InventoryProblem> list = new ArrayList<>();
    private final List<InventoryProblem> warnings = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    /** The name of the file the problems belong to. */
    String file() {
        return file;
    }

    /**
     * Records a problem.
     *
     * @param location where in the file, such as {@code line 12}; empty for the whole file
     */
    void add(String location, String message) {
        list.add(new InventoryProblem(file, location, message));
    }

    /** Records a warning, at a location as in {@link #add}. */
    void warn(String location, String message) {
        warnings.add(new InventoryProblem(file, location, message));
    }

    List<InventoryProblem> warnings() {
        return warnings;
    }

    int count() {
        return list.size();
    }

    List<InventoryProblem> list() {
        return list;
    }
}
