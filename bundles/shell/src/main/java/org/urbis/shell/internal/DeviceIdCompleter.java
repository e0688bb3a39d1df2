package org.urbis.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.urbis.api.runtime.DeviceRegistry;

/** Completes the ids of the devices in the inventory. */
@Service
public class DeviceIdCompleter implements Completer {

    @Reference
    private DeviceRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter(registry.deviceIds());
        return ids.complete(session, commandLine, candidates);
    }
}
