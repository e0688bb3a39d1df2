package org.urbis.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.urbis.api.device.Point;
import org.urbis.core.internal.inventory.PointProfiles;

/**
 * The point profiles of one {@code *.profiles.json} file, read by the platform's own reader: a test
 * uses the profile exactly as the site will, and a file the site would refuse fails the test.
 */
public final class Profiles {

    private final String file;
    private final Map<String, List<Point>> profiles;

    private Profiles(String file, Map<String, List<Point>> profiles) {
        this.file = file;
        this.profiles = profiles;
    }

    /** Reads a profile file from the test's class path, e.g. {@code URBIS-INF/profiles/water.profiles.json}. */
    public static Profiles fromClasspath(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + resource + " on the class path");
            }
            return parse(resource, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** Reads a profile file's content; any problem the site would report throws, listing them all. */
    public static Profiles parse(String file, byte[] content) {
        PointProfiles.Parsed parsed = PointProfiles.parse(file, content);
        if (!parsed.problems().isEmpty()) {
            throw new IllegalArgumentException(file + " has problems: " + parsed.problems());
        }
        return new Profiles(file, parsed.profiles());
    }

    /** The points of a profile. */
    public List<Point> points(String profile) {
        List<Point> points = profiles.get(profile);
        if (points == null) {
            throw new IllegalArgumentException(file + " has no profile '" + profile + "'; it has " + names());
        }
        return points;
    }

    /** The names of the file's profiles. */
    public Set<String> names() {
        return profiles.keySet();
    }
}
