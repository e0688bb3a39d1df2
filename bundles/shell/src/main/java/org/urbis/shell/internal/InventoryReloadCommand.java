package org.urbis.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.api.runtime.Inventory;
import org.urbis.api.runtime.InventoryProblem;
import org.urbis.api.runtime.InventoryReport;

/** Reloads the inventory folder now and says what changed, or why nothing did. */
@Command(scope = "urbis", name = "inventory-reload", description = "Reloads the device inventory from its folder")
@Service
public class InventoryReloadCommand implements Action {

    @Reference
    Inventory inventory;

    @Override
    public Object execute() {
        InventoryReport report = inventory.reload();
        if (report.applied()) {
            System.out.printf(
                    "Inventory loaded from %s: %d file(s), %d device(s) (%d added, %d updated, %d removed) in %d ms%n",
                    inventory.directory(),
                    report.files(),
                    report.devices(),
                    report.added(),
                    report.updated(),
                    report.removed(),
                    report.took().toMillis());
        } else {
            System.err.printf(
                    "Inventory NOT loaded from %s: %d problem(s); the previous inventory of %d device(s) stays in force%n",
                    inventory.directory(), report.problems().size(), report.devices());
            for (InventoryProblem p : report.problems()) {
                System.err.println("  " + p);
            }
        }
        for (InventoryProblem w : report.warnings()) {
            System.out.println("  warning: " + w);
        }
        return null;
    }
}
