package org.urbis.simulator.irrigation;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A {@link WeatherStation}'s MQTT form: its {@link WeatherStation#json() JSON reading} published to one
 * topic at a fixed interval (QoS 0, not retained), reconnecting to the broker by itself.
 */
public final class WeatherPublisher implements AutoCloseable {

    private final WeatherStation station;
    private final String topic;
    private final MqttAsyncClient client;
    private final ScheduledExecutorService timer;

    public WeatherPublisher(WeatherStation station, String brokerUrl, String topic, long intervalMillis)
            throws MqttException {
        this.station = station;
        this.topic = topic;
        this.client = new MqttAsyncClient(
                brokerUrl, "urbis-weather-sim-" + Long.toHexString(System.nanoTime()), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setAutomaticReconnect(true);
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        timer = Simulators.timer("weather-publisher-simulator");
        timer.scheduleWithFixedDelay(() -> connect(options), 0, 2_000, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(this::publish, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private void connect(MqttConnectOptions options) {
        // automatic reconnect takes over once the first connection succeeded
        if (!client.isConnected()) {
            try {
                client.connect(options);
            } catch (MqttException e) {
                // the broker is not there yet: the next attempt follows
            }
        }
    }

    /** Publishes the station's reading now, when connected. */
    public void publish() {
        if (client.isConnected()) {
            try {
                client.publish(topic, new MqttMessage(station.json().getBytes(StandardCharsets.UTF_8)));
            } catch (MqttException e) {
                // lost the broker: the reading is dropped, as a real station would
            }
        }
    }

    public boolean connected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(500).waitForCompletion(1_000);
            }
            client.close(true);
        } catch (MqttException e) {
            // closing anyway
        }
    }
}
