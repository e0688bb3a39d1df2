package org.urbis.core.internal.inventory;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The last inventory put in force, kept on disk as a zip of the files it was read from, so that a
 * runtime restarted with a folder that has problems starts from it rather than from no devices.
 * It is written to a temporary file and renamed into place, so the file is always one whole
 * inventory, also after a crash while writing.
 */
final class LastGoodInventory {

    private final Path file;

    LastGoodInventory(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Keeps the files of an inventory that has just been put in force, by name. */
    void save(Map<String, byte[]> files) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, CREATE, TRUNCATE_EXISTING, WRITE);
                ZipOutputStream zip = new ZipOutputStream(Channels.newOutputStream(channel))) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
            zip.finish();
            channel.force(true);
        }
        Files.move(temporary, file, ATOMIC_MOVE, REPLACE_EXISTING);
    }

    /** When the kept inventory was written. */
    Instant savedAt() throws IOException {
        return Files.getLastModifiedTime(file).toInstant();
    }

    /**
     * Reads the kept inventory as the folder's files are read.
     *
     * @return empty when no inventory has been kept yet
     * @throws IOException when the file is there but is not a readable zip
     */
    Optional<InventoryReader.Result> read(InventoryReader reader, InventoryReader.Context context) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (FileSystem zip = FileSystems.newFileSystem(file)) {
            return Optional.of(reader.read(zip.getPath("/"), context));
        }
    }
}
