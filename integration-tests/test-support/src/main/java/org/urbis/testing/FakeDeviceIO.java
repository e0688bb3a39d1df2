package org.urbis.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.urbis.api.runtime.DeviceIO;
import org.urbis.api.value.Value;

/** Writes succeed and are stored; a read returns what was written unless {@link #readback} says otherwise. */
public class FakeDeviceIO implements DeviceIO {
    public record Write(String device, String point, Object value) {}

    public final List<Write> writes = Collections.synchronizedList(new ArrayList<>());
    public final Map<String, Object> stored = new ConcurrentHashMap<>();
    public final AtomicInteger inFlight = new AtomicInteger();
    public final AtomicInteger maxInFlight = new AtomicInteger();
    public volatile Function<String, Object> readback = key -> stored.get(key);
    public volatile Function<Write, CompletionStage<Void>> writer = w -> CompletableFuture.completedFuture(null);

    @Override
    public CompletionStage<Void> write(String deviceId, String point, Object value, Duration timeout) {
        Write w = new Write(deviceId, point, value);
        writes.add(w);
        int n = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(n, Math::max);
        return writer.apply(w).whenComplete((ok, e) -> {
            if (e == null) {
                stored.put(deviceId + "/" + point, value);
            }
            inFlight.decrementAndGet();
        });
    }

    @Override
    public CompletionStage<List<Value>> read(String deviceId, List<String> points, Duration timeout) {
        List<Value> values = new ArrayList<>();
        for (String p : points) {
            Object v = readback.apply(deviceId + "/" + p);
            if (v != null) {
                values.add(Value.good(p, v, Instant.now()));
            }
        }
        return CompletableFuture.completedFuture(values);
    }
}
