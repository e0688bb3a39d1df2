package org.urbis.core.internal.inventory;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
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

/**
 * The kinds of file other bundles keep in the inventory folder (a parking bundle's
 * {@code *.parking.json} sites), which the inventory reader leaves alone. A bundle declares them by
 * name ending in its manifest, {@value #HEADER}: {@code .parking.json} (comma-separated for more).
 * Bundles count from the moment they are resolved, before they start, so that at boot the first
 * load already leaves their files alone; every change tells the inventory, which loads again.
 */
@Component(service = InventoryFileOwners.class)
public final class InventoryFileOwners {

    /** The manifest header naming the endings of a bundle's own files in the inventory folder. */
    public static final String HEADER = "Urbis-Inventory-Files";

    private static final Logger LOG = LoggerFactory.getLogger(InventoryFileOwners.class);

    private final Map<Long, Set<String>> byBundle = new ConcurrentSkipListMap<>();
    private volatile Runnable listener = () -> {};
    private BundleTracker<Set<String>> tracker;

    @Activate
    void activate(BundleContext context) {
        tracker = new BundleTracker<>(
                context,
                Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING,
                new BundleTrackerCustomizer<>() {
                    @Override
                    public Set<String> addingBundle(Bundle bundle, BundleEvent event) {
                        String header = bundle.getHeaders("").get(HEADER);
                        if (header == null || header.isBlank()) {
                            return null;
                        }
                        Set<String> suffixes = parse(header);
                        LOG.info(
                                "Bundle {} keeps its own {} files in the inventory folder",
                                bundle.getSymbolicName(),
                                suffixes);
                        add(bundle.getBundleId(), suffixes);
                        return suffixes;
                    }

                    @Override
                    public void modifiedBundle(Bundle bundle, BundleEvent event, Set<String> suffixes) {
                        // a bundle's manifest does not change while it is resolved
                    }

                    @Override
                    public void removedBundle(Bundle bundle, BundleEvent event, Set<String> suffixes) {
                        remove(bundle.getBundleId());
                    }
                });
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    /** The endings of a header, lower case: {@code .parking.json, .x.csv}. */
    static Set<String> parse(String header) {
        Set<String> out = new TreeSet<>();
        for (String one : header.split(",")) {
            String s = one.trim().toLowerCase(Locale.ROOT);
            if (!s.isEmpty()) {
                out.add(s.startsWith(".") ? s : "." + s);
            }
        }
        return out;
    }

    /** A bundle claims files by these endings; the inventory loads again. */
    public void add(long bundleId, Set<String> suffixes) {
        byBundle.put(bundleId, Set.copyOf(suffixes));
        changed();
    }

    /** A bundle left; its files are the inventory's again. */
    public void remove(long bundleId) {
        if (byBundle.remove(bundleId) != null) {
            changed();
        }
    }

    /** The endings of the files that other bundles own now, lower case. */
    public Set<String> suffixes() {
        Set<String> all = new TreeSet<>();
        byBundle.values().forEach(all::addAll);
        return all;
    }

    /** What runs after every change: the inventory's reload (one inventory listens). */
    void onChange(Runnable listener) {
        this.listener = listener;
    }

    private void changed() {
        listener.run();
    }
}
