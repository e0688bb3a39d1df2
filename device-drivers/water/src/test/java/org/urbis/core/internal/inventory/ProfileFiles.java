package org.urbis.core.internal.inventory;

import java.util.List;
import org.urbis.api.device.Point;

/** Reads a *.profiles.json file with the core's own inventory parser, so tests use the profile the site will. */
public final class ProfileFiles {

    private ProfileFiles() {
    }

    public static List<Point> profile(byte[] content, String file, String name) {
        Problems problems = new Problems(file);
        PointProfiles profiles = new PointProfiles();
        profiles.read(content, problems);
        if (problems.count() > 0) {
            throw new IllegalStateException(file + ": " + problems.list());
        }
        return profiles.get(name).orElseThrow(() -> new IllegalStateException(file + " has no profile " + name));
    }
}
