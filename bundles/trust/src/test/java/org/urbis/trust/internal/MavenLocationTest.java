package org.urbis.trust.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MavenLocationTest {

    @Test
    void anArtifactIsFoundWhereARepositoryKeepsIt() {
        assertEquals(
                "org/urbis/urbis-driver-water/0.1.0-SNAPSHOT/urbis-driver-water-0.1.0-SNAPSHOT.jar",
                MavenLocation.parse("mvn:org.urbis/urbis-driver-water/0.1.0-SNAPSHOT")
                        .orElseThrow()
                        .path());
        assertEquals(
                "org/apache/karaf/features/standard/4.4.10/standard-4.4.10-features.xml",
                MavenLocation.parse("mvn:org.apache.karaf.features/standard/4.4.10/xml/features")
                        .orElseThrow()
                        .path());
    }

    @Test
    void locationsThatAreNotTheDistributionsOwnDoNotParse() {
        for (String location : new String[] {
            "file:/tmp/x.jar",
            "mvn:http://evil.example/repo!org.urbis/x/1",
            "mvn:org.urbis/../../../tmp/1",
            "mvn:org.urbis/x",
            "mvn:org.urbis//1",
            "local",
            "mvn:a/b/1/jar/c/d"
        }) {
            assertTrue(MavenLocation.parse(location).isEmpty(), location);
        }
    }
}
