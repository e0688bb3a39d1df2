package org.urbis.shell.internal;

import java.util.List;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;

/** Completes the device classes present in the inventory. */
@Service
public class DeviceClassCompleter implements Completer {

    @Reference
    private DeviceRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        TreeSet<String> classes = new TreeSet<>();
        registry.find(DeviceQuery.ALL)
                .forEach(s -> classes.add(s.device().deviceClass().id()));
        return new StringsCompleter(classes).complete(session, commandLine, candidates);
    }
}
