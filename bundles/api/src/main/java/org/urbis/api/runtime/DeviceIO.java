package org.urbis.api.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;
import org.urbis.api.value.Value;

/**
 * Reads and writes devices through their drivers, with the same timeouts and isolation as polling.
 * Meant for the control bundle, which puts every command through its pipeline first; a write
 * here is still checked against the point's access, type and limits, so an unsafe value never
 * reaches a device whoever calls. Failures complete the stage with a {@link DeviceIOException}.
 */
@ProviderType
public interface DeviceIO {

    /** Writes a value to a point; completes when the device accepted it. */
    CompletionStage<Void> write(String deviceId, String point, Object value, Duration timeout);

    /** Reads points now (outside the poll schedule), e.g. to confirm a command by readback. */
    CompletionStage<List<Value>> read(String deviceId, List<String> points, Duration timeout);
}
