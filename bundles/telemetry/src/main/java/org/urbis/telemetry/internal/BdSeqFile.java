package org.urbis.telemetry.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Sparkplug birth/death sequence number, counted on across restarts (0-255). */
public final class BdSeqFile {

    private static final Logger LOG = LoggerFactory.getLogger(BdSeqFile.class);
    private final Path file;
    private long next;

    public BdSeqFile(Path file) {
        this.file = file;
        try {
            next = Long.parseLong(
                            Files.readString(file, StandardCharsets.US_ASCII).trim())
                    & 0xFF;
        } catch (IOException | NumberFormatException e) {
            next = 0;
        }
    }

    public synchronized long next() {
        long value = next;
        next = (next + 1) & 0xFF;
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Long.toString(next), StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Telemetry: cannot keep the Sparkplug bdSeq in {}: {}", file, e.toString());
        }
        return value;
    }
}
