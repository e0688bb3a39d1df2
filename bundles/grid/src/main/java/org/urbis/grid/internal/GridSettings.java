package org.urbis.grid.internal;

import java.time.Duration;

/**
 * The smart grid's settings, from its configuration or a test.
 *
 * @param issuer        the system issuer commands are sent as
 * @param commandExpiry how long a command may wait in the pipeline
 * @param frozenAfter   how long a meter may repeat the very same value before it is distrusted
 * @param proposalLife  how long an operator has to approve a proposal
 */
public record GridSettings(String issuer, Duration commandExpiry, Duration frozenAfter, Duration proposalLife) {}
