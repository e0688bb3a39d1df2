package org.urbis.simulator.streetlight;

import java.util.Set;

/**
 * What a simulated node holds at one moment, for tests and the console.
 *
 * @param id            node id
 * @param relay         relay closed
 * @param dim           dim level, percent
 * @param powerW        power drawn now
 * @param energyKWh     energy since commissioning
 * @param hours         hours with the lamp lit
 * @param switchOns     times the relay closed
 * @param programId     id of the program pushed last, empty when none
 * @param commands      commands carried out
 * @param faults        faults injected now
 */
public record NodeState(
        String id,
        boolean relay,
        double dim,
        double powerW,
        double energyKWh,
        double hours,
        long switchOns,
        String programId,
        long commands,
        Set<Fault> faults) {}
