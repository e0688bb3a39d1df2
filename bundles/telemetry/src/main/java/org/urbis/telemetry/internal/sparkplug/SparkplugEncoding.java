package org.urbis.telemetry.internal.sparkplug;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.telemetry.internal.encoding.Catalogue;
import org.urbis.telemetry.internal.encoding.Downlink;
import org.urbis.telemetry.internal.encoding.Encoding;
import org.urbis.telemetry.internal.encoding.NodeIdentity;
import org.urbis.telemetry.internal.record.TelemetryRecord.PointInfo;

/**
 * Sparkplug B through Eclipse Tahu: NBIRTH with bdSeq and NDEATH as the MQTT Will, DBIRTH/DDEATH as
 * devices come and go, NDATA/DDATA with sequence numbers 0-255, metric aliases after birth,
 * {@code historical} on replayed data, rebirth on {@code Node Control/Rebirth}, DCMD to commands.
 * Each connection gets a {@link SparkplugSession}; what arrives is read by {@link SparkplugDownlink}.
 *
 * <p>With a primary host application configured, the session also subscribes to its
 * {@code spBv1.0/STATE/<host id>} and decodes it ({@link Downlink.HostState}); the uplink holds the
 * births and data back until the host is online.
 */
public final class SparkplugEncoding implements Encoding {

    public static final String NAMESPACE = "spBv1.0";
    public static final String REBIRTH = "Node Control/Rebirth";
    public static final String BDSEQ = "bdSeq";
    public static final String HEALTH_STATUS = "Health/Status";
    public static final String HEALTH_DETAIL = "Health/Detail";
    public static final String HEALTH_MESSAGE = "Health/Message";
    /** IN_MAINTENANCE while a maintenance window covers the device, NONE once it ends. */
    public static final String MAINTENANCE_STATE = "Maintenance/State";

    public static final String MAINTENANCE_DETAIL = "Maintenance/Detail";
    public static final String COMMAND_RESULT = "Command Result/";
    public static final String COMMAND_ERROR = "Command Error";

    public static final String STATE = "STATE";

    private final NodeIdentity node;
    private final String primaryHost;
    private final LongSupplier nextBdSeq;

    /** A node without a primary host application: it publishes whenever it is connected. */
    public SparkplugEncoding(NodeIdentity node, LongSupplier nextBdSeq) {
        this(node, "", nextBdSeq);
    }

    /**
     * @param primaryHost the primary host application id whose STATE gates births and data, or empty
     * @param nextBdSeq   gives the birth/death sequence number of each new connection (0-255, kept
     *                    across restarts by the caller)
     */
    public SparkplugEncoding(NodeIdentity node, String primaryHost, LongSupplier nextBdSeq) {
        this.node = node;
        this.primaryHost = primaryHost == null ? "" : primaryHost;
        this.nextBdSeq = nextBdSeq;
    }

    @Override
    public String name() {
        return "sparkplug";
    }

    @Override
    public String primaryHost() {
        return primaryHost;
    }

    /** Where the primary host application publishes its STATE (3.0: under the namespace). */
    public static String stateTopic(String hostId) {
        return NAMESPACE + '/' + STATE + '/' + hostId;
    }

    @Override
    public Session newSession(Catalogue catalogue) {
        return new SparkplugSession(node, primaryHost, catalogue, nextBdSeq.getAsLong() & 0xFF);
    }

    static List<PointInfo> pointsOf(Device d) {
        List<PointInfo> out = new ArrayList<>();
        for (Point p : d.points()) {
            out.add(new PointInfo(p.name(), p.type(), p.unit(), p.access().writable()));
        }
        return out;
    }
}
