package org.urbis.trust.internal.shell;

import java.net.URI;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.api.deploy.DriverDeployment;
import org.urbis.api.deploy.DriverRefusedException;
import org.urbis.trust.internal.Issuer;

/** Deploys a driver bundle: verified against the trust store, installed in place of the running version, devices awaited. */
@Command(
        scope = "urbis",
        name = "driver-deploy",
        description = "Deploys a signed driver bundle from a URL (file:, http(s):, mvn:) "
                + "in place of the version running now")
@Service
public class DriverDeployCommand implements Action {

    @Argument(
            index = 0,
            name = "url",
            required = true,
            description = "Where the bundle is, e.g. file:/tmp/acme-driver-1.1.0.jar")
    String url;

    @Reference
    DriverDeployment deployment;

    @Override
    public Object execute() {
        try {
            DeployOutput.print("Deployed", deployment.deploy(URI.create(url), Issuer.current("console")));
        } catch (DriverRefusedException | IllegalArgumentException e) {
            System.err.println("Driver NOT deployed: " + e.getMessage());
        }
        return null;
    }
}
