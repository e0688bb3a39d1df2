package org.urbis.parking.codec.internal;

/** Dotted firmware versions compared number by number ("2.10.0" is after "2.4.9"). */
final class Firmware {

    /** The first NPS405 firmware The Things Network's device repository lists with the 2023 layout. */
    static final String NPS405_CURRENT_LAYOUT = "2.4.9";

    private Firmware() {}

    /**
     * Whether {@code version} comes before {@code other}. A version that is not dotted numbers is not
     * before anything: it is left to the current layout, and its frames are refused if they do not fit.
     */
    static boolean before(String version, String other) {
        int[] a = parse(version);
        int[] b = parse(other);
        if (a == null || b == null) {
            return false;
        }
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return x < y;
            }
        }
        return false;
    }

    private static int[] parse(String version) {
        String[] parts = version.trim().split("\\.");
        int[] n = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].matches("\\d{1,6}")) {
                return null;
            }
            n[i] = Integer.parseInt(parts[i]);
        }
        return n;
    }
}
