package org.urbis.trust.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The bundles of the distribution's first boot, and the bundles updated since. Kept in a file of
 * the trust bundle's data area, so that restarting the bundle, changing its configuration or
 * restarting the framework never turns a bundle refused after boot into a boot bundle, nor lets
 * an updated bundle pass for its original location again.
 */
final class TrustState {

    private final Path file;
    private final Set<Long> boot;
    private final Set<Long> updated;

    private TrustState(Path file, Set<Long> boot, Set<Long> updated) {
        this.file = file;
        this.boot = boot;
        this.updated = updated;
    }

    /** The state kept in {@code file}, or, the first time, {@code installed} as the boot set. */
    static TrustState load(Path file, Collection<Long> installed) {
        if (!Files.exists(file)) {
            TrustState first = new TrustState(file, new TreeSet<>(installed), new TreeSet<>());
            first.save();
            return first;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trust state " + file, e);
        }
        return new TrustState(file, ids(p.getProperty("boot", "")), ids(p.getProperty("updated", "")));
    }

    synchronized boolean isBoot(long id) {
        return boot.contains(id);
    }

    synchronized boolean isUpdated(long id) {
        return updated.contains(id);
    }

    /** A bundle installed while the boot features were still being installed. */
    synchronized void installedDuringBoot(long id) {
        if (boot.add(id)) {
            save();
        }
    }

    /** A bundle updated after boot: from now on it is judged like a bundle installed after boot. */
    synchronized void updatedAfterBoot(long id) {
        boot.remove(id);
        updated.add(id);
        save();
    }

    synchronized void uninstalled(long id) {
        if (boot.remove(id) | updated.remove(id)) {
            save();
        }
    }

    private void save() {
        Properties p = new Properties();
        p.setProperty("boot", text(boot));
        p.setProperty("updated", text(updated));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "Bundles of the first boot, and bundles updated after boot (urbis-trust)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the trust state in " + file, e);
        }
    }

    private static Set<Long> ids(String text) {
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Long::valueOf)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String text(Set<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
