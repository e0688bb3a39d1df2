package org.urbis.browser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.urbis.testing.DemoRuntime;

/**
 * The demo distribution as the browser tests run it: copied under the build folder, with one luminaire
 * without a simulated node (SL-PT-090), so that a NODE_SILENT alarm is always there to find.
 */
final class BrowserDemo {

    private BrowserDemo() {}

    static DemoRuntime create(String folder) throws IOException {
        Path work = Path.of(System.getProperty("urbis.browser.work", "target"));
        DemoRuntime demo = new DemoRuntime(Path.of(System.getProperty("urbis.browser.demo")), work.resolve(folder));
        try (InputStream silent = BrowserDemo.class.getResourceAsStream("/silent-luminaire.geojson")) {
            demo.addInventory("browser-test.geojson", new String(silent.readAllBytes(), StandardCharsets.UTF_8));
        }
        return demo;
    }
}
