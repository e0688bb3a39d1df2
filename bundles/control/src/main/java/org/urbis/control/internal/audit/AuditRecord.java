package org.urbis.control.internal.audit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chain fields of one audit line.
 *
 * @param seq  its sequence number, from 1
 * @param prev hash of the previous record ({@link #GENESIS} for the first)
 * @param body the line up to the hash, which the hash covers
 * @param hash its own hash as written
 */
public record AuditRecord(long seq, String prev, String body, String hash) {

    /** The {@code prev} of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final Pattern LINE =
            Pattern.compile("\\{\"seq\":(\\d{1,18}),\"prev\":\"([0-9a-f]{64})\"(.*),\"hash\":\"([0-9a-f]{64})\"}");

    /** Parses a line; throws {@link IllegalArgumentException} when it is not an audit record. */
    public static AuditRecord parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an audit record");
        }
        String body = line.substring(0, line.length() - (",\"hash\":\"".length() + 64 + 2));
        return new AuditRecord(Long.parseLong(m.group(1)), m.group(2), body, m.group(4));
    }

    /** Whether the hash written matches the record's content. */
    public boolean intact() {
        return Sha256.hex(body).equals(hash);
    }
}
