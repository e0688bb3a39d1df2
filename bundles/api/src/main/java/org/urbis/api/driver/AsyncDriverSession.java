package org.urbis.api.driver;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.annotation.versioning.ConsumerType;
import org.urbis.api.device.Point;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;

/**
 * A session whose reads and writes complete on the driver's own threads, such as a command
 * acknowledged over MQTT. The platform calls the asynchronous methods and holds no thread of its
 * own while the device answers, so thousands of commands can be waiting on their devices at once.
 * The rules of {@link DriverSession} still hold: one operation at a time per device, a timeout on
 * each, failures as {@link DriverException}s (here: the stage completes exceptionally with one).
 * The asynchronous methods return at once, without waiting for the device: the platform may call
 * them on any of its threads.
 *
 * @since 1.1
 */
@ConsumerType
public interface AsyncDriverSession extends DriverSession {

    /** As {@link DriverSession#read}, completing when the values are known. */
    CompletionStage<List<Value>> readAsync(List<Point> points, Duration timeout);

    /** As {@link DriverSession#write}, completing when the device accepted the value. */
    CompletionStage<Void> writeAsync(Point point, Object value, Duration timeout);

    @Override
    default List<Value> read(List<Point> points, Duration timeout) throws DriverException, InterruptedException {
        return await(readAsync(points, timeout), timeout, "read");
    }

    @Override
    default void write(Point point, Object value, Duration timeout) throws DriverException, InterruptedException {
        await(writeAsync(point, value, timeout), timeout, "write of " + point.name());
    }

    private static <T> T await(CompletionStage<T> stage, Duration timeout, String what)
            throws DriverException, InterruptedException {
        try {
            return stage.toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new DriverException(
                    QualityReason.TIMEOUT, "the " + what + " took longer than " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DriverException de) {
                throw de;
            }
            throw new DriverException(
                    QualityReason.COMM_ERROR, "the " + what + " failed: " + e.getCause(), e.getCause());
        }
    }
}
