package org.urbis.parking.codec;

/**
 * A frame that does not follow its model's format, with the port and the byte where it went wrong
 * (-1 when the frame as a whole is wrong, e.g. an unknown port).
 */
public final class FrameRefused extends Exception {

    private static final long serialVersionUID = 1L;

    private final int fPort;
    private final int byteIndex;

    public FrameRefused(int fPort, int byteIndex, String reason) {
        super(reason);
        this.fPort = fPort;
        this.byteIndex = byteIndex;
    }

    public int fPort() {
        return fPort;
    }

    /** The offending byte's index in the payload, or -1. */
    public int byteIndex() {
        return byteIndex;
    }

    /** The reason as a sentence naming the port and byte, e.g. "port 2, byte 1: ...". */
    public String describe() {
        return "port " + fPort + (byteIndex >= 0 ? ", byte " + byteIndex : "") + ": " + getMessage();
    }
}
