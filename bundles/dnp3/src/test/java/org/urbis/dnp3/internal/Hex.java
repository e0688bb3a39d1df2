package org.urbis.dnp3.internal;

import java.util.HexFormat;

/** Byte sequences written as in the standard's examples: hex pairs separated by spaces. */
public final class Hex {

    private Hex() {}

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    public static String of(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }
}
