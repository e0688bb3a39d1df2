package org.urbis.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MapSettingsTest {

    @Test
    void noTileServerByDefault() {
        assertEquals("{\"tileUrl\":\"\",\"tileAttribution\":\"\"}", new MapSettings("", "").json());
    }

    @Test
    void quotesAndMarkupAreEscaped() {
        assertEquals(
                "{\"tileUrl\":\"https://t.example/{z}/{x}/{y}.png\",\"tileAttribution\":\"\\u003cb> \\\"Sở\\\" \\\\\"}",
                new MapSettings("https://t.example/{z}/{x}/{y}.png", "<b> \"Sở\" \\").json());
    }
}
