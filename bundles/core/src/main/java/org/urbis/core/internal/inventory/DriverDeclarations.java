package org.urbis.core.internal.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.device.Point;
import org.urbis.api.runtime.InventoryProblem;

/**
 * The profiles and options of the driver bundles installed now: read from a bundle's
 * {@code URBIS-INF} folder when it becomes active, dropped when it stops. Every change tells the
 * inventory, which loads again so that the devices using a bundle's profiles get its points.
 */
@Component(service = DriverDeclarations.class)
public final class DriverDeclarations {

    /**
     * The declarations in force, merged.
     *
     * @param profiles profiles by name; where two bundles declare one, the older bundle's
     * @param sources  the bundle each profile comes from
     * @param options  options by driver id
     * @param warnings problems of the bundles' files and profiles declared twice
     * @param departed profiles of bundles that left and that no bundle declares now: their devices
     *                 keep their points, also while the driver's service is still on its way out
     */
    public record Declared(
            Map<String, List<Point>> profiles,
            Map<String, String> sources,
            Map<String, DriverOptions> options,
            List<InventoryProblem> warnings,
            Set<String> departed) {

        public static final Declared NONE = new Declared(Map.of(), Map.of(), Map.of(), List.of(), Set.of());

        public Declared {
            profiles = Map.copyOf(profiles);
            sources = Map.copyOf(sources);
            options = Map.copyOf(options);
            warnings = List.copyOf(warnings);
            departed = Set.copyOf(departed);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(DriverDeclarations.class);

    /** By bundle id: the older bundle first. */
    private final Map<Long, DriverDeclaration> byBundle = new ConcurrentSkipListMap<>();

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> departed = ConcurrentHashMap.newKeySet();
    private BundleTracker<DriverDeclaration> tracker;

    @Activate
    void activate(BundleContext context) {
        tracker = new BundleTracker<>(context, Bundle.ACTIVE, new BundleTrackerCustomizer<>() {
            @Override
            public DriverDeclaration addingBundle(Bundle bundle, BundleEvent event) {
                Map<String, byte[]> files = files(bundle);
                if (files.isEmpty()) {
                    return null;
                }
                DriverDeclaration declaration =
                        DriverDeclaration.read(bundle.getSymbolicName() + " " + bundle.getVersion(), files);
                add(bundle.getBundleId(), declaration);
                return declaration;
            }

            @Override
            public void modifiedBundle(Bundle bundle, BundleEvent event, DriverDeclaration declaration) {
                // an active bundle's files do not change; an update stops and starts it again
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, DriverDeclaration declaration) {
                remove(bundle.getBundleId());
            }
        });
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    private static Map<String, byte[]> files(Bundle bundle) {
        Map<String, byte[]> files = new HashMap<>();
        List<URL> urls = new ArrayList<>();
        Enumeration<URL> profiles = bundle.findEntries(DriverDeclaration.PROFILES, "*.profiles.json", false);
        while (profiles != null && profiles.hasMoreElements()) {
            urls.add(profiles.nextElement());
        }
        URL options = bundle.getEntry(DriverDeclaration.OPTIONS);
        if (options != null) {
            urls.add(options);
        }
        for (URL url : urls) {
            try (InputStream in = url.openStream()) {
                files.put(url.getPath().replaceFirst("^/", ""), in.readAllBytes());
            } catch (IOException e) {
                LOG.error("Cannot read {} of bundle {}", url.getPath(), bundle.getSymbolicName(), e);
            }
        }
        return files;
    }

    /** A bundle arrived with declarations; the inventory loads again. */
    public void add(long bundleId, DriverDeclaration declaration) {
        byBundle.put(bundleId, declaration);
        LOG.info(
                "Driver bundle {} declares profile(s) {} and options of driver(s) {}",
                declaration.source(),
                declaration.profiles().keySet(),
                declaration.options().stream().map(DriverOptions::driver).toList());
        declaration.problems().forEach(p -> LOG.error("  {}", p));
        changed();
    }

    /** A bundle with declarations left; the inventory loads again. */
    public void remove(long bundleId) {
        DriverDeclaration gone = byBundle.remove(bundleId);
        if (gone != null) {
            departed.addAll(gone.profiles().keySet());
            LOG.info(
                    "Driver bundle {} left: its profile(s) {} are no longer offered",
                    gone.source(),
                    gone.profiles().keySet());
            changed();
        }
    }

    /** Runs {@code listener} after every change. */
    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    /** The declarations in force now. */
    public Declared current() {
        Map<String, List<Point>> profiles = new LinkedHashMap<>();
        Map<String, String> sources = new HashMap<>();
        Map<String, DriverOptions> options = new HashMap<>();
        List<InventoryProblem> warnings = new ArrayList<>();
        for (DriverDeclaration d : byBundle.values()) {
            warnings.addAll(d.problems());
            d.profiles().forEach((name, points) -> {
                String first = sources.putIfAbsent(name, d.source());
                if (first == null) {
                    profiles.put(name, points);
                } else {
                    warnings.add(new InventoryProblem(
                            d.source(),
                            "profile '" + name + "'",
                            "also declared by " + first + ", whose profile is used"));
                }
            });
            for (DriverOptions o : d.options()) {
                if (options.putIfAbsent(o.driver(), o) != null) {
                    warnings.add(new InventoryProblem(
                            d.source(),
                            "",
                            "options of driver '" + o.driver()
                                    + "' are declared by another bundle too; the older bundle's are used"));
                }
            }
        }
        Set<String> gone = new HashSet<>(departed);
        gone.removeAll(profiles.keySet());
        return new Declared(profiles, sources, options, warnings, gone);
    }
}
