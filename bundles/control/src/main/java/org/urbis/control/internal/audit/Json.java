package org.urbis.control.internal.audit;

/** Just enough JSON writing for audit records: string fields, escaped. */
final class Json {

    private Json() {}

    static void field(StringBuilder out, String name, String value) {
        out.append(',');
        string(out, name);
        out.append(':');
        string(out, value);
    }

    static void string(StringBuilder out, String s) {
        out.append('"');
        int plain = 0;
        while (plain < s.length() && s.charAt(plain) >= 0x20 && s.charAt(plain) != '"' && s.charAt(plain) != '\\') {
            plain++;
        }
        // Most fields (ids, states, times) need no escaping: appended whole, not a character at a time.
        out.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
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
