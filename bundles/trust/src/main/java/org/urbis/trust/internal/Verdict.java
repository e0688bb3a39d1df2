package org.urbis.trust.internal;

/**
 * Whether a bundle may run, and why.
 *
 * @param trusted whether it may resolve
 * @param trust   why it may ({@code boot}, {@code system repository}, {@code signed by NAME}, …), or why not
 *                ({@code unsigned}, {@code signed by NAME, who is not in the trust store})
 * @param signer  the name of its signer, or {@code none}
 */
record Verdict(boolean trusted, String trust, String signer) {

    static Verdict trusted(String why) {
        return new Verdict(true, why, "none");
    }
}
