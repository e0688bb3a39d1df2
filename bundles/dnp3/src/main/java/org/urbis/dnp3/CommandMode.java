package org.urbis.dnp3;

/** How a command reaches the output. */
public enum CommandMode {
    /** SELECT, then OPERATE with the same objects in the next request: the safe way for breakers and relays. */
    SELECT_BEFORE_OPERATE,
    /** DIRECT_OPERATE: one request. */
    DIRECT_OPERATE
}
