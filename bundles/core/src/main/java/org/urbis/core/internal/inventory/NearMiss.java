package org.urbis.core.internal.inventory;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * A name one or two typos away from a name the platform reads. Inventory files may carry columns
 * and properties of their own, which are ignored; a misspelt known one would be ignored silently
 * too (a device without its profile has no points), so it is named instead.
 */
final class NearMiss {

    private NearMiss() {}

    /** The known name that {@code name} most likely misspells: one or two edits away, and fewer than half its letters. */
    static Optional<String> of(String name, Collection<String> known) {
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(lower, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return bestDistance > 0 && bestDistance <= 2 && bestDistance * 2 < name.length()
                ? Optional.of(best)
                : Optional.empty();
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
