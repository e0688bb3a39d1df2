package org.urbis.trust.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustStateTest {

    @TempDir
    Path folder;

    @Test
    void theFirstBootSetIsKeptAndNeverWidenedByALaterStart() {
        Path file = folder.resolve("trust-state.properties");
        TrustState first = TrustState.load(file, List.of(0L, 1L, 2L));
        first.installedDuringBoot(3L);

        // The bundle restarts with bundles 4 (refused after boot) and 5 installed: they stay outside the boot set.
        TrustState again = TrustState.load(file, List.of(0L, 1L, 2L, 3L, 4L, 5L));
        assertTrue(again.isBoot(3L));
        assertFalse(again.isBoot(4L));
        assertFalse(again.isBoot(5L));
    }

    @Test
    void anUpdatedBundleLeavesTheBootSetForGood() {
        Path file = folder.resolve("trust-state.properties");
        TrustState state = TrustState.load(file, List.of(7L));
        state.updatedAfterBoot(7L);

        TrustState again = TrustState.load(file, List.of(7L));
        assertFalse(again.isBoot(7L));
        assertTrue(again.isUpdated(7L));
        again.uninstalled(7L);
        assertFalse(TrustState.load(file, List.of()).isUpdated(7L));
    }
}
