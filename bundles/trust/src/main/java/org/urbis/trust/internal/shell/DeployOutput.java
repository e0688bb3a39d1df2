package org.urbis.trust.internal.shell;

import java.util.List;
import org.urbis.api.deploy.DriverBundle;

/** How the deployment commands show a driver bundle. */
final class DeployOutput {

    private DeployOutput() {}

    static void print(String what, DriverBundle d) {
        System.out.printf(
                "%s %s %s (%s): driver(s) %s, %d device(s) %s%n",
                what,
                d.bundle(),
                d.version(),
                d.trust(),
                d.drivers(),
                d.devices().size(),
                shortList(d.devices()));
        if (!d.previous().isEmpty()) {
            System.out.println("  urbis:driver-rollback " + d.bundle() + " puts back version " + d.previous());
        }
    }

    static String shortList(List<String> ids) {
        return ids.size() <= 8 ? String.join(",", ids) : String.join(",", ids.subList(0, 8)) + ",…";
    }
}
