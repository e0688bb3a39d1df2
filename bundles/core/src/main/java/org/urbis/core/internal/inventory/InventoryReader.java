package org.urbis.core.internal.inventory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.runtime.InventoryProblem;

/**
 * Reads the device inventory from the files of one folder: {@code *.profiles.json} point
 * profiles, {@code *.geojson} / {@code *.json} GeoJSON FeatureCollections and {@code *.csv}
 * tables. Plain Java, no OSGi: the inventory service calls it and decides what to apply.
 *
 * <p>Reading never stops at the first problem: every file is read and everything wrong is
 * reported, so that one round of fixes is enough. Thread-safe; a read keeps no state.
 */
public final class InventoryReader {

    /** The endings of the files other bundles keep in the folder, which are left alone. */
    private final Supplier<Set<String>> ownedSuffixes;

    /** A reader of every inventory file. */
    public InventoryReader() {
        this(Set::of);
    }

    /** @param ownedSuffixes the endings of the files other bundles own now ({@link InventoryFileOwners}) */
    public InventoryReader(Supplier<Set<String>> ownedSuffixes) {
        this.ownedSuffixes = Objects.requireNonNull(ownedSuffixes, "ownedSuffixes");
    }

    /**
     * The outcome of reading a folder.
     *
     * @param devices  every device, in file-name order and then in order within each file; empty
     *                 when there are problems, since an inventory is applied all or nothing
     * @param problems everything that is wrong, profile files first, then the device files in order
     * @param files    how many inventory files were found (ignored files not counted)
     * @param contents what was read, by file name: the inventory as it was put in force, to keep
     * @param warnings what is worth saying but does not stop the load: a file's profile replacing a
     *                 driver bundle's, a device waiting for its driver's profile, an undeclared option
     */
    public record Result(
            List<Device> devices,
            List<InventoryProblem> problems,
            int files,
            Map<String, byte[]> contents,
            List<InventoryProblem> warnings) {

        public Result {
            devices = List.copyOf(devices);
            problems = List.copyOf(problems);
            contents = Collections.unmodifiableMap(new LinkedHashMap<>(contents));
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * What a read needs to know of the runtime.
     *
     * @param knownDrivers     ids of the drivers a device may name; any other driver is a problem
     * @param installedDrivers drivers installed now: a device of any other whose profile is unknown
     *                         waits for its driver, which may bring the profile, rather than being a problem
     * @param declared         the profiles and options of the installed driver bundles
     * @param pointsInForce    the points a device in force has now, by id: kept by a device that waits
     *                         for its driver's profile, so that its last values stay
     */
    public record Context(
            Set<String> knownDrivers,
            Set<String> installedDrivers,
            DriverDeclarations.Declared declared,
            Function<String, Optional<List<Point>>> pointsInForce) {

        public Context {
            knownDrivers = Set.copyOf(knownDrivers);
            installedDrivers = Set.copyOf(installedDrivers);
        }

        /** The folder on its own, as if every known driver were installed: each profile must be in the folder. */
        public static Context folderOnly(Set<String> knownDrivers) {
            return new Context(knownDrivers, knownDrivers, DriverDeclarations.Declared.NONE, id -> Optional.empty());
        }
    }

    /**
     * Reads every inventory file in {@code directory} (not its subfolders). Hidden files and the
     * temporary files of editors and copy tools ({@code ~ .swp .tmp .part}) are skipped, as is
     * any file that is not JSON or CSV.
     *
     * @param knownDrivers ids of the drivers a device may name; any other driver is a problem
     */
    public Result read(Path directory, Set<String> knownDrivers) {
        return read(directory, Context.folderOnly(Objects.requireNonNull(knownDrivers, "knownDrivers")));
    }

    /** Reads every inventory file in {@code directory}, with the profiles and options of the installed driver bundles. */
    public Result read(Path directory, Context context) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(context, "context");
        Set<String> owned = ownedSuffixes.get();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(p -> InventoryFileKind.of(p.getFileName().toString(), owned) != null)
                    .filter(p -> !Files.isDirectory(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            return new Result(
                    List.of(),
                    List.of(new InventoryProblem(
                            directory.toString(), "", "the folder cannot be read: " + describe(e))),
                    0,
                    Map.of(),
                    List.of());
        }

        List<InventoryProblem> problems = new ArrayList<>();
        List<InventoryProblem> warnings = new ArrayList<>(context.declared().warnings());
        Map<String, byte[]> contents = new LinkedHashMap<>();
        // Profiles first: any device file may use a profile from any profile file or driver bundle.
        PointProfiles profiles = new PointProfiles(context.declared());
        for (Path file : files) {
            if (InventoryFileKind.of(file.getFileName().toString()) == InventoryFileKind.PROFILES) {
                Problems fileProblems = new Problems(file.getFileName().toString());
                byte[] content = content(file, fileProblems, contents);
                if (content == null) {
                    profiles.markIncomplete();
                } else {
                    profiles.read(content, fileProblems);
                }
                problems.addAll(fileProblems.list());
                warnings.addAll(fileProblems.warnings());
            }
        }

        DeviceAssembler assembler = new DeviceAssembler(context, profiles);
        List<Device> devices = new ArrayList<>();
        for (Path file : files) {
            InventoryFileKind kind = InventoryFileKind.of(file.getFileName().toString());
            if (kind == InventoryFileKind.PROFILES) {
                continue;
            }
            Problems fileProblems = new Problems(file.getFileName().toString());
            byte[] content = content(file, fileProblems, contents);
            if (content != null) {
                devices.addAll(
                        kind == InventoryFileKind.CSV
                                ? CsvInventoryFile.read(content, assembler, fileProblems)
                                : GeoJsonInventoryFile.read(content, assembler, fileProblems));
            }
            problems.addAll(fileProblems.list());
            warnings.addAll(fileProblems.warnings());
        }
        return new Result(problems.isEmpty() ? devices : List.of(), problems, files.size(), contents, warnings);
    }

    private static byte[] content(Path file, Problems problems, Map<String, byte[]> contents) {
        try {
            byte[] content = Files.readAllBytes(file);
            contents.put(file.getFileName().toString(), content);
            return content;
        } catch (IOException e) {
            problems.add("", "the file cannot be read: " + describe(e));
            return null;
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder " + e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "access denied to " + e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
