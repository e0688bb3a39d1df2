package org.urbis.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class StaticFilesTest {

    @Test
    void theRootIsTheIndex() {
        assertEquals(StaticFiles.INDEX, StaticFiles.resolve("", "/"));
        assertEquals(StaticFiles.INDEX, StaticFiles.resolve("/", null));
        assertEquals("/js/main.js", StaticFiles.resolve("/js/main.js", null));
    }

    @Test
    void pathsThatLeaveTheWebFolderAreRefused() {
        assertNull(StaticFiles.resolve("/../org/urbis/console/internal/ConsoleServlet.class", null));
        assertNull(StaticFiles.resolve("/js/..%2f", "/../x"));
        assertNull(StaticFiles.resolve("//etc/passwd", null));
    }

    @Test
    void modulesAndMessagesHaveTheirTypes() {
        assertEquals("text/javascript; charset=UTF-8", StaticFiles.contentType("/js/map.js"));
        assertEquals("application/json; charset=UTF-8", StaticFiles.contentType("/i18n/vi.json"));
        assertEquals("application/octet-stream", StaticFiles.contentType("/README"));
    }

    @Test
    void onlyLeafletIsCachedForLong() {
        assertEquals("public, max-age=86400", StaticFiles.cacheControl("/vendor/leaflet/leaflet.js"));
        assertEquals("no-cache", StaticFiles.cacheControl("/js/main.js"));
    }
}
