package org.urbis.trust.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.api.deploy.DriverDeployment;
import org.urbis.api.deploy.DriverRefusedException;
import org.urbis.trust.internal.Issuer;

/** Puts back the driver version that ran before the last deployment. */
@Command(
        scope = "urbis",
        name = "driver-rollback",
        description = "Puts back the version of a driver that ran before its last deployment")
@Service
public class DriverRollbackCommand implements Action {

    @Argument(
            index = 0,
            name = "driver",
            required = true,
            description = "The driver's bundle symbolic name or driver id")
    String driver;

    @Reference
    DriverDeployment deployment;

    @Override
    public Object execute() {
        try {
            DeployOutput.print("Rolled back to", deployment.rollback(driver, Issuer.current("console")));
        } catch (DriverRefusedException e) {
            System.err.println("Driver NOT rolled back: " + e.getMessage());
        }
        return null;
    }
}
