package org.urbis.modbus.sunspec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.urbis.api.driver.DriverException;
import org.urbis.api.value.QualityReason;

/**
 * The models a SunSpec device offers, found by reading: the {@code SunS} marker (0x5375 0x6E53) at
 * register 40000, 0 or 50000 (in that order), then model after model — its id, its length L and L
 * registers — until the end marker, id 0xFFFF.
 *
 * @param base   the register holding the marker
 * @param models the models in the order the device lays them out
 */
public record ModelChain(int base, List<Entry> models) {

    /** The registers {@code SunS}. */
    public static final int MARKER_HI = 0x5375;

    public static final int MARKER_LO = 0x6E53;
    /** The id that ends the chain. */
    public static final int END = 0xFFFF;
    /** Where a SunSpec map may start, in the order they are tried. */
    public static final int[] BASES = {40000, 0, 50000};

    private static final int MAX_MODELS = 256;

    /**
     * One model of the chain.
     *
     * @param id      its model id
     * @param address the register of its ID; its points start two registers later
     * @param length  its L: registers after ID and L
     */
    public record Entry(int id, int address, int length) {

        /** The register of the model's first point. */
        public int start() {
            return address + 2;
        }
    }

    /** Reads holding registers of the device. */
    @FunctionalInterface
    public interface Registers {
        int[] read(int start, int count) throws DriverException, InterruptedException;
    }

    public ModelChain {
        models = List.copyOf(models);
    }

    /**
     * Finds the marker and walks the chain.
     *
     * @throws DriverException DEVICE_ERROR naming what is wrong: no marker at any base, a chain that does not
     *         end (no end marker where a model should start, too many models) or one that runs past register 65535;
     *         TIMEOUT or COMM_ERROR when the device could not be reached
     */
    public static ModelChain discover(Registers device) throws DriverException, InterruptedException {
        for (int base : BASES) {
            int[] marker;
            try {
                marker = device.read(base, 2);
            } catch (DriverException e) {
                if (e.reason() != QualityReason.DEVICE_ERROR) {
                    throw e;
                }
                continue; // a device without registers there refuses the read
            }
            if (marker[0] == MARKER_HI && marker[1] == MARKER_LO) {
                return walk(device, base);
            }
        }
        throw new DriverException(QualityReason.DEVICE_ERROR, "no SunSpec marker 'SunS' at register 40000, 0 or 50000");
    }

    private static ModelChain walk(Registers device, int base) throws DriverException, InterruptedException {
        List<Entry> models = new ArrayList<>();
        int at = base + 2;
        while (true) {
            if (at + 1 > 0xFFFF) {
                throw new DriverException(
                        QualityReason.DEVICE_ERROR,
                        "the SunSpec model chain from register " + base + " runs past register 65535 (after "
                                + describe(models) + ") without its end marker");
            }
            if (models.size() >= MAX_MODELS) {
                throw new DriverException(
                        QualityReason.DEVICE_ERROR,
                        "the SunSpec model chain from register " + base + " does not end: " + MAX_MODELS
                                + " models and no end marker by register " + at);
            }
            int[] header;
            try {
                header = device.read(at, 2);
            } catch (DriverException e) {
                if (e.reason() != QualityReason.DEVICE_ERROR) {
                    throw e;
                }
                throw new DriverException(
                        QualityReason.DEVICE_ERROR,
                        "the SunSpec model chain from register " + base
                                + " does not end: register " + at + " (after " + describe(models) + ") cannot be read: "
                                + e.getMessage());
            }
            int id = header[0] & 0xFFFF;
            int length = header[1] & 0xFFFF;
            if (id == END) {
                return new ModelChain(base, models);
            }
            if (id == 0) {
                throw new DriverException(
                        QualityReason.DEVICE_ERROR,
                        "the SunSpec model chain from register " + base
                                + " does not end: register " + at + " (after " + describe(models)
                                + ") holds model id 0, not a model"
                                + " or the end marker 0xFFFF");
            }
            if ((long) at + 2 + length - 1 > 0xFFFF) {
                throw new DriverException(
                        QualityReason.DEVICE_ERROR,
                        "the SunSpec model chain from register " + base + " runs past register 65535: model " + id
                                + " at register " + at + " is " + length + " registers long");
            }
            models.add(new Entry(id, at, length));
            at += 2 + length;
        }
    }

    private static String describe(List<Entry> models) {
        return models.isEmpty()
                ? "the marker"
                : "model " + models.get(models.size() - 1).id() + " at register "
                        + models.get(models.size() - 1).address();
    }

    /** The first model with {@code id}. */
    public Optional<Entry> model(int id) {
        return models.stream().filter(m -> m.id() == id).findFirst();
    }

    /** The first model whose id is one of {@code ids}, in the device's order. */
    public Optional<Entry> first(int... ids) {
        for (Entry m : models) {
            for (int id : ids) {
                if (m.id() == id) {
                    return Optional.of(m);
                }
            }
        }
        return Optional.empty();
    }
}
