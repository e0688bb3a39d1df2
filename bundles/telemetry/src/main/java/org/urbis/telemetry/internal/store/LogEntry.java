package org.urbis.telemetry.internal.store;

/**
 * One record read back from the log.
 *
 * @param index   its position in the log, counted from the first record ever appended
 * @param payload the bytes appended
 */
public record LogEntry(long index, byte[] payload) {}
