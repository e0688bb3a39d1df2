package org.urbis.telemetry.internal.encoding;

/**
 * A command from the operations centre, as decoded.
 *
 * @param deviceId     target device
 * @param point        point to set
 * @param value        value to set (Boolean, Long, Double or String)
 * @param correlation  what the reply must carry to be matched by the sender (an RPC id); may be empty
 */
public record CommandRequest(String deviceId, String point, Object value, String correlation) {}
