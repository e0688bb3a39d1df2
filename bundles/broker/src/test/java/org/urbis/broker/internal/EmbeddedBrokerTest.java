package org.urbis.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.runtime.PlatformAlarms;
import org.urbis.testing.Await;
import org.urbis.testing.Mosquitto;

class EmbeddedBrokerTest {

    @TempDir
    Path tmp;

    @Test
    void carriesQos1MessagesOnLoopbackAndStopsCleanly() throws Exception {
        int port = Mosquitto.freePort();
        EmbeddedBroker broker = new EmbeddedBroker(new EmbeddedBroker.Settings("127.0.0.1", port, tmp, true));
        try {
            assertEquals(port, broker.port());
            String url = "tcp://127.0.0.1:" + port;
            List<String> got = new CopyOnWriteArrayList<>();
            MqttClient sub = new MqttClient(url, "sub", new MemoryPersistence());
            sub.connect();
            sub.subscribe(
                    "spBv1.0/#",
                    1,
                    (topic, m) -> got.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
            MqttClient pub = new MqttClient(url, "pub", new MemoryPersistence());
            // Paho's synchronous publish returns once its PUBACK is in, but counts the message out of flight a little
            // later, on its callback thread: on a loaded machine ten quick publishes could find ten still counted.
            MqttConnectOptions room = new MqttConnectOptions();
            room.setMaxInflight(100);
            pub.connect(room);
            for (int i = 0; i < 100; i++) {
                pub.publish("spBv1.0/g/DDATA/n/d", ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false);
            }
            Await.until(
                    "100 messages",
                    Duration.ofSeconds(10),
                    () -> got.size() >= 100,
                    () -> "(received only " + got.size() + ")");
            assertEquals("spBv1.0/g/DDATA/n/d m0", got.get(0));
            assertEquals("spBv1.0/g/DDATA/n/d m99", got.get(99));
            // Tools such as mosquitto_sub connect without a client id.
            MqttClient anonymous = new MqttClient(url, "", new MemoryPersistence());
            anonymous.connect();
            anonymous.disconnect();
            anonymous.close();
            pub.disconnect();
            sub.disconnect();
            pub.close();
            sub.close();
        } finally {
            broker.stop();
        }
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            fail("still listening after stop");
        } catch (java.io.IOException expected) {
            // the port is free again
        }
    }

    @Test
    void aTakenPortIsAMajorPlatformAlarmThatAStartOnAFreePortClears() throws Exception {
        List<String> alarms = new CopyOnWriteArrayList<>();
        PlatformAlarms platform = new PlatformAlarms() {
            @Override
            public void raise(String source, String type, AlarmSeverity severity, String message) {
                alarms.add("raise " + source + "/" + type + " " + severity + ": " + message);
            }

            @Override
            public void clear(String source, String type, String message) {
                alarms.add("clear " + source + "/" + type + ": " + message);
            }
        };
        int port;
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = other.getLocalPort();
            EmbeddedBroker refused = new EmbeddedBroker(new EmbeddedBroker.Settings("127.0.0.1", port, tmp, false));
            refused.bindAlarms(platform);
            assertFalse(refused.listening());
            assertEquals(1, alarms.size(), alarms.toString());
            String raised = alarms.get(0);
            assertTrue(
                    raised.startsWith(
                            "raise broker/PORT_IN_USE MAJOR: the embedded MQTT broker cannot listen on 127.0.0.1:"
                                    + port + " ("),
                    raised);
            assertTrue(raised.contains("set port in etc/org.urbis.broker.cfg"), raised);
            assertTrue(
                    raised.contains("point broker.url in etc/org.urbis.telemetry.cfg at the broker already there"),
                    raised);
            refused.stop();
        }
        alarms.clear();
        EmbeddedBroker broker = new EmbeddedBroker(new EmbeddedBroker.Settings("127.0.0.1", port, tmp, false));
        try {
            broker.bindAlarms(platform);
            assertTrue(broker.listening());
            assertEquals(
                    List.of("clear broker/PORT_IN_USE: the embedded MQTT broker listens on 127.0.0.1:" + port), alarms);
        } finally {
            broker.stop();
        }
    }

    @Test
    void refusesANonsensePort() {
        try {
            new EmbeddedBroker.Settings("127.0.0.1", 70_000, tmp, false);
            fail("accepted port 70000");
        } catch (IllegalArgumentException expected) {
            // named in the message
        }
    }
}
