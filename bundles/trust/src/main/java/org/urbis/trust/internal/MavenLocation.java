package org.urbis.trust.internal;

import java.util.Optional;

/**
 * An {@code mvn:group/artifact/version[/type[/classifier]]} bundle location, and where a Maven
 * repository keeps that artifact. Locations naming a repository ({@code mvn:http://…!g/a/v}) are
 * not the distribution's own and do not parse.
 */
record MavenLocation(String group, String artifact, String version, String type, String classifier) {

    static Optional<MavenLocation> parse(String location) {
        if (location == null || !location.startsWith("mvn:") || location.contains("!")) {
            return Optional.empty();
        }
        String[] p = location.substring(4).split("/", -1);
        if (p.length < 3 || p.length > 5) {
            return Optional.empty();
        }
        for (String part : p) {
            if (part.isEmpty() || part.contains("..") || part.contains("\\") || part.contains(":")) {
                return Optional.empty();
            }
        }
        return Optional.of(new MavenLocation(p[0], p[1], p[2], p.length > 3 ? p[3] : "jar", p.length > 4 ? p[4] : ""));
    }

    /** The artifact's path in a repository, e.g. {@code org/urbis/urbis-core/1.0/urbis-core-1.0.jar}. */
    String path() {
        return group.replace('.', '/') + "/" + artifact + "/" + version + "/" + artifact + "-" + version
                + (classifier.isEmpty() ? "" : "-" + classifier) + "." + type;
    }
}
