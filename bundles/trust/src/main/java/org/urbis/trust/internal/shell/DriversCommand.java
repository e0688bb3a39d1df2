package org.urbis.trust.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.api.deploy.DriverBundle;
import org.urbis.api.deploy.DriverDeployment;

/** Lists the driver bundles: version, why they may run (their signer), their drivers and devices. */
@Command(
        scope = "urbis",
        name = "drivers",
        description = "Lists the driver bundles with their version, signer, drivers and devices")
@Service
public class DriversCommand implements Action {

    @Reference
    DriverDeployment deployment;

    @Override
    public Object execute() {
        System.out.printf(
                "%-32s %-22s %-8s %-40s %-16s %s%n", "BUNDLE", "VERSION", "STATE", "TRUST", "DRIVERS", "DEVICES");
        for (DriverBundle d : deployment.drivers()) {
            System.out.printf(
                    "%-32s %-22s %-8s %-40s %-16s %d %s%n",
                    d.bundle(),
                    d.version(),
                    d.state(),
                    d.trust(),
                    String.join(",", d.drivers()),
                    d.devices().size(),
                    DeployOutput.shortList(d.devices()));
        }
        return null;
    }
}
