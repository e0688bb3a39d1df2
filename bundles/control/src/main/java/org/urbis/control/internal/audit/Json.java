package org.urbis.control.internal.audit;

/** Just enough JSON writing for audit records: string fields, escaped. */
final class Json {

    private Json() {
    }

    static void field(StringBuilder out, String name, String value) {
        out.append(',');
        string(out, name);
        out.append(':');
        string(out, value);
    }

    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
