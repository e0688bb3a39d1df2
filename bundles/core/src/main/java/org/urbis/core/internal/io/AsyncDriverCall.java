package org.urbis.core.internal.io;

import java.util.concurrent.CompletionStage;
import org.urbis.api.driver.DriverException;

/** A call into a driver that completes on the driver's own thread; see {@link IoExecutor.Lane#submitAsync}. */
@FunctionalInterface
public interface AsyncDriverCall<T> {

    CompletionStage<T> start() throws DriverException;
}
