package org.urbis.core.internal.io;

import org.urbis.api.driver.DriverException;

/** A call into a driver, run by the {@link IoExecutor}. */
@FunctionalInterface
public interface DriverCall<T> {

    T call() throws DriverException, InterruptedException;
}
