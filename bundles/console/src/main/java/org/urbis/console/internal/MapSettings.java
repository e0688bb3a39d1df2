package org.urbis.console.internal;

/** What the console's map reads from {@code /config.json}: the tile server, if any, and its attribution. */
record MapSettings(String tileUrl, String tileAttribution) {

    static MapSettings of(ConsoleConfig config) {
        return new MapSettings(
                config.map_tileUrl().trim(), config.map_tileAttribution().trim());
    }

    String json() {
        return "{\"tileUrl\":" + quote(tileUrl) + ",\"tileAttribution\":" + quote(tileAttribution) + "}";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == '<') { // '<' too, so the answer never reads as markup
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
