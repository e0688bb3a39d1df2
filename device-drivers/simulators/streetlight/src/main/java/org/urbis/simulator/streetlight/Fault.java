package org.urbis.simulator.streetlight;

/** Faults a simulated node can be given, each switched on and off on its own. */
public enum Fault {
    /** The lamp is dead: no power drawn with the relay closed, lamp status FAILED. */
    LAMP_FAILED,
    /** The relay no longer moves: switch commands are acknowledged but change nothing. */
    STUCK_RELAY,
    /** The node is off the network: it publishes nothing and hears no command. */
    OFFLINE,
    /** The node carries out commands but its acknowledgements never arrive. */
    LOST_ACKS,
    /** The node's firmware is broken: every status it publishes is a garbage payload. */
    GARBAGE
}
