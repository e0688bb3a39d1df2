package org.urbis.api.device;

/** Whether a point can be read, written (commanded), or both. */
public enum Access {
    READ,
    WRITE,
    READ_WRITE;

    public boolean readable() {
        return this != WRITE;
    }

    public boolean writable() {
        return this != READ;
    }
}
