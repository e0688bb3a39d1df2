package org.urbis.simulator.irrigation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * An OpenSprinkler controller (firmware 2.2 / hardware 3.x) as its HTTP API shows it: one board of
 * stations, the last one the master valve, a flow sensor on sensor 1 and a rain sensor on sensor 2.
 * Like the firmware it serves one request at a time with a tiny listen backlog, answers HTTP 200 even
 * for errors ({@code {"result": N}}) and keeps its clock in local time ({@code tz} in quarter hours,
 * 48 = UTC).
 *
 * <p>Served: {@code /jc /jo /js /jl} (reads), {@code /cm /cv /co} (station run and stop, rain delay,
 * stop all, enable, water level). Hydraulics: each open station draws its flow while the master valve
 * is open (it opens while any station runs); a mainline break leaks while the mainline is under
 * pressure. Tests can make it answer slowly, refuse connections, or answer with a result code.
 */
public final class OpenSprinklerController implements AutoCloseable {

    /** The firmware's factory password. */
    public static final String DEFAULT_PASSWORD = "opendoor";

    /** Litres per flow-sensor pulse, as {@code fpr0/fpr1} say (in hundredths). */
    private static final double LITRES_PER_PULSE = 0.1;

    private static final int FLOW_WINDOW_SECONDS = 30;

    private final InetAddress bind;
    private final String passwordHash;
    private final int stations;
    private final int tz;
    private final Clock clock;
    private final double[] stationFlow;
    private final long[] runStart;
    private final long[] runEnd;
    private final int[] runProgram;
    private final List<long[]> log = new ArrayList<>();
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final AtomicLong delayMillis = new AtomicLong();
    private final Thread server;
    private volatile ServerSocket socket;
    private volatile boolean closed;
    private final int port;

    private boolean enabled = true;
    private long rainDelayEnd;
    private int waterLevel = 100;
    private boolean raining;
    private double breakFlow;
    private int failCode;
    private int failTimes;

    /**
     * Starts a controller.
     *
     * @param bind     address to listen on
     * @param port     0 picks a free one
     * @param stations stations on the board (2-16); the last is the master valve
     * @param password the controller's password, sent as its MD5 by clients
     * @param tz       the time zone option: 48 + quarter hours east of UTC (76 is UTC+7)
     * @param clock    the real time; the controller shows it in local time
     */
    public OpenSprinklerController(InetAddress bind, int port, int stations, String password, int tz, Clock clock)
            throws IOException {
        if (stations < 2 || stations > 16) {
            throw new IllegalArgumentException("stations must be 2-16");
        }
        this.bind = bind;
        this.passwordHash = md5(password);
        this.stations = stations;
        this.tz = tz;
        this.clock = clock;
        this.stationFlow = new double[stations];
        this.runStart = new long[stations];
        this.runEnd = new long[stations];
        this.runProgram = new int[stations];
        for (int i = 0; i < stations - 1; i++) {
            stationFlow[i] = 12 + 3 * i;
        }
        this.socket = listen(port);
        this.port = socket.getLocalPort();
        server = new Thread(this::serve, "opensprinkler-simulator-" + this.port);
        server.setDaemon(true);
        server.start();
    }

    /** Eight stations (zones 1-7, master 8), password {@value #DEFAULT_PASSWORD}, UTC+7, on 127.0.0.1. */
    public static OpenSprinklerController start() throws IOException {
        return new OpenSprinklerController(
                InetAddress.getLoopbackAddress(), 0, 8, DEFAULT_PASSWORD, 76, Clock.systemUTC());
    }

    private ServerSocket listen(int p) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(bind, p), 2); // the firmware's backlog is tiny
        return s;
    }

    public int port() {
        return port;
    }

    public String address() {
        return "opensprinkler://" + bind.getHostAddress() + ":" + port;
    }

    /** The station flows in l/min (the master's is ignored). */
    public synchronized void stationFlow(int station, double litresPerMinute) {
        stationFlow[station - 1] = litresPerMinute;
    }

    /** Delays every answer by this much from now on (0: answer at once). */
    public void delay(long millis) {
        delayMillis.set(millis);
    }

    /** Answers the next {@code times} requests with {@code {"result": code}}. */
    public synchronized void failWith(int code, int times) {
        failCode = code;
        failTimes = times;
    }

    /** Stops accepting connections (they are refused) until {@link #accept()}. */
    public void refuse() throws IOException {
        ServerSocket s = socket;
        socket = null;
        if (s != null) {
            s.close();
        }
    }

    /** Accepts connections again on the same port. */
    public synchronized void accept() throws IOException {
        if (socket == null) {
            socket = listen(port);
            notifyAll();
        }
    }

    /** A break of the mainline, leaking this much while the mainline is under pressure; 0 repairs it. */
    public synchronized void mainlineBreak(double litresPerMinute) {
        breakFlow = litresPerMinute;
    }

    public synchronized void rain(boolean detected) {
        raining = detected;
    }

    /** Requests served for a path such as {@code /cm}. */
    public long requests(String path) {
        LongAdder a = requests.get(path);
        return a == null ? 0 : a.sum();
    }

    public synchronized boolean stationOpen(int station) {
        return open(station - 1, now());
    }

    public synchronized boolean enabled() {
        return enabled;
    }

    /** The flow the sensor sees now, l/min. */
    public synchronized double flow() {
        return flow(now());
    }

    private long now() {
        return clock.millis() / 1000;
    }

    private long local(long utc) {
        return utc + (tz - 48) * 900L;
    }

    private boolean open(int sid, long now) {
        return runEnd[sid] > now && runStart[sid] <= now;
    }

    private boolean masterOpen(long now) {
        for (int i = 0; i < stations - 1; i++) {
            if (open(i, now)) {
                return true;
            }
        }
        return false;
    }

    private double flow(long now) {
        if (!masterOpen(now)) {
            return 0;
        }
        double f = breakFlow;
        for (int i = 0; i < stations - 1; i++) {
            f += open(i, now) ? stationFlow[i] : 0;
        }
        return f;
    }

    /** Moves finished runs to the log, as the firmware does when a station closes. */
    private void settle(long now) {
        for (int i = 0; i < stations; i++) {
            if (runEnd[i] != 0 && runEnd[i] <= now) {
                log.add(new long[] {runProgram[i], i, runEnd[i] - runStart[i], local(runEnd[i])});
                runStart[i] = 0;
                runEnd[i] = 0;
            }
        }
        if (rainDelayEnd != 0 && rainDelayEnd <= now) {
            rainDelayEnd = 0;
        }
    }

    private void stop(int sid, long now) {
        if (runEnd[sid] != 0) {
            // logged with the time it actually ran, even none
            runEnd[sid] = Math.max(runStart[sid], Math.min(runEnd[sid], now));
        }
    }

    // ---- HTTP ----

    private void serve() {
        while (!closed) {
            ServerSocket s;
            synchronized (this) {
                while (socket == null && !closed) {
                    try {
                        wait(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                s = socket;
            }
            if (s == null) {
                return;
            }
            try (Socket c = s.accept()) {
                c.setSoTimeout(2_000);
                handle(c);
            } catch (SocketException e) {
                // closed while refusing or stopping
            } catch (IOException e) {
                // a client that hung up or sent garbage: the next one is served
            }
        }
    }

    private void handle(Socket c) throws IOException {
        String line = requestLine(c.getInputStream());
        String[] parts = line.split(" ");
        if (parts.length < 2 || !parts[0].equals("GET")) {
            respond(c.getOutputStream(), 400, "text/plain", "bad request");
            return;
        }
        String target = parts[1];
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Map<String, String> params = params(q < 0 ? "" : target.substring(q + 1));
        requests.computeIfAbsent(path, k -> new LongAdder()).increment();
        long delay = delayMillis.get();
        if (delay > 0) {
            try {
                Thread.sleep(delay); // a controller busy with its own work
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        respond(c.getOutputStream(), 200, "application/json", answer(path, params));
    }

    private static String requestLine(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && head.length() < 8_192) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        int eol = head.indexOf("\r\n");
        return eol < 0 ? head.toString() : head.substring(0, eol);
    }

    private static Map<String, String> params(String query) {
        Map<String, String> m = new HashMap<>();
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static void respond(OutputStream out, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Bad Request") + "\r\nContent-Type: " + type
                + "\r\nAccess-Control-Allow-Origin: *\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
    }

    private synchronized String answer(String path, Map<String, String> p) {
        if (failTimes > 0) {
            failTimes--;
            return result(failCode);
        }
        if (!passwordHash.equals(p.get("pw"))) {
            return result(2);
        }
        long now = now();
        settle(now);
        switch (path) {
            case "/jc":
                return controllerVariables(now);
            case "/jo":
                return options();
            case "/js":
                return stationStatus(now);
            case "/jl":
                return runLog(p);
            case "/cm":
                return manualRun(p, now);
            case "/cv":
                return changeVariables(p, now);
            case "/co":
                return changeOptions(p);
            default:
                return result(32);
        }
    }

    private static String result(int code) {
        return "{\"result\":" + code + "}";
    }

    private String controllerVariables(long now) {
        int bits = 0;
        StringBuilder ps = new StringBuilder();
        for (int i = 0; i < stations; i++) {
            boolean open = i == stations - 1 ? masterOpen(now) : open(i, now);
            bits |= open ? 1 << i : 0;
            boolean scheduled = runEnd[i] > now;
            ps.append(i == 0 ? "" : ",")
                    .append(
                            scheduled
                                    ? "[" + runProgram[i] + "," + (runEnd[i] - Math.max(now, runStart[i])) + ","
                                            + local(runStart[i]) + ",0]"
                                    : "[0,0,0,0]");
        }
        long pulses = Math.round(flow(now) * FLOW_WINDOW_SECONDS / 60.0 / LITRES_PER_PULSE);
        boolean delayed = rainDelayEnd > now;
        return String.format(
                Locale.ROOT,
                "{\"devt\":%d,\"nbrd\":1,\"en\":%d,\"sn1\":0,\"sn2\":%d,\"rd\":%d,"
                        + "\"rdst\":%d,\"sunrise\":345,\"sunset\":1050,\"eip\":2130706433,\"lwc\":%d,\"lswc\":%d,\"lupt\":%d,"
                        + "\"lrbtc\":99,\"lrun\":[0,0,0,0],\"mac\":\"02:00:00:00:00:01\",\"loc\":\"10.93,108.10\",\"jsp\":\"\","
                        + "\"wsp\":\"weather.opensprinkler.com\",\"wterr\":0,\"ifkey\":\"\",\"dname\":\"Urbis simulator\","
                        + "\"sbits\":[%d,0],\"ps\":[%s],\"flcrt\":%d,\"flwrt\":%d,\"curr\":%d}",
                local(now),
                enabled ? 1 : 0,
                raining ? 1 : 0,
                delayed ? 1 : 0,
                delayed ? local(rainDelayEnd) : 0,
                local(now) - 3600,
                local(now) - 3600,
                local(now) - 86400,
                bits,
                ps,
                pulses,
                FLOW_WINDOW_SECONDS,
                masterOpen(now) ? 320 : 0);
    }

    private String options() {
        int fpr = (int) Math.round(LITRES_PER_PULSE * 100);
        return String.format(
                Locale.ROOT,
                "{\"fwv\":220,\"tz\":%d,\"ntp\":1,\"dhcp\":1,\"hp0\":80,\"hp1\":0,\"hwv\":31,"
                        + "\"ext\":0,\"sdt\":0,\"mas\":%d,\"mton\":0,\"mtof\":0,\"wl\":%d,\"den\":%d,\"ipas\":0,\"devid\":0,"
                        + "\"dexp\":-1,\"mexp\":24,\"hwt\":172,\"uwt\":0,\"lg\":1,\"mas2\":0,\"fpr0\":%d,\"fpr1\":%d,\"re\":0,"
                        + "\"sn1t\":2,\"sn1o\":1,\"sn2t\":1,\"sn2o\":1,\"sn1on\":0,\"sn1of\":0,\"sn2on\":0,\"sn2of\":0}",
                tz,
                stations,
                waterLevel,
                enabled ? 1 : 0,
                fpr & 0xFF,
                fpr >> 8);
    }

    private String stationStatus(long now) {
        StringBuilder sn = new StringBuilder();
        for (int i = 0; i < stations; i++) {
            boolean open = i == stations - 1 ? masterOpen(now) : open(i, now);
            sn.append(i == 0 ? "" : ",").append(open ? 1 : 0);
        }
        return "{\"sn\":[" + sn + "],\"nstations\":" + stations + "}";
    }

    private String runLog(Map<String, String> p) {
        StringBuilder b = new StringBuilder("[");
        int from = 0;
        if (p.containsKey("hist")) {
            Integer n = number(p.get("hist"));
            if (n == null || n < 0 || n > 365) {
                return result(17);
            }
            from = Math.max(0, log.size() - Math.max(1, n) * 50);
        }
        for (int i = from; i < log.size(); i++) {
            long[] e = log.get(i);
            b.append(b.length() == 1 ? "" : ",")
                    .append('[')
                    .append(e[0])
                    .append(',')
                    .append(e[1])
                    .append(',')
                    .append(e[2])
                    .append(',')
                    .append(e[3])
                    .append(']');
        }
        return b.append(']').toString();
    }

    private String manualRun(Map<String, String> p, long now) {
        Integer sid = number(p.get("sid"));
        Integer en = number(p.get("en"));
        if (sid == null || en == null) {
            return result(16);
        }
        if (sid < 0 || sid >= stations) {
            return result(17);
        }
        if (sid == stations - 1) {
            return result(48); // the master valve follows the stations
        }
        if (en == 0) {
            stop(sid, now);
            settle(now);
            return result(1);
        }
        Integer t = number(p.get("t"));
        if (t == null) {
            return result(16);
        }
        if (t < 1 || t > 64800) {
            return result(17);
        }
        if (!enabled) {
            return result(48);
        }
        stop(sid, now);
        settle(now);
        runProgram[sid] = 99; // the firmware's id of a manual run
        runStart[sid] = now;
        runEnd[sid] = now + t;
        return result(1);
    }

    private String changeVariables(Map<String, String> p, long now) {
        if (p.containsKey("update")) {
            return result(48); // never honoured here: it would run a script on a real controller
        }
        if (p.containsKey("rd")) {
            Integer h = number(p.get("rd"));
            if (h == null) {
                return result(18);
            }
            if (h < 0 || h > 32767) {
                return result(17);
            }
            rainDelayEnd = h == 0 ? 0 : now + h * 3600L;
        }
        if (p.containsKey("en")) {
            Integer en = number(p.get("en"));
            if (en == null || (en != 0 && en != 1)) {
                return result(18);
            }
            enabled = en == 1;
            if (!enabled) {
                stopAll(now);
            }
        }
        if ("1".equals(p.get("rsn"))) {
            stopAll(now);
        }
        return result(1);
    }

    private void stopAll(long now) {
        for (int i = 0; i < stations; i++) {
            stop(i, now);
        }
        settle(now);
    }

    private String changeOptions(Map<String, String> p) {
        if (p.containsKey("wl")) {
            Integer wl = number(p.get("wl"));
            if (wl == null) {
                return result(18);
            }
            if (wl < 0 || wl > 250) {
                return result(17);
            }
            waterLevel = wl;
        }
        return result(1);
    }

    private static Integer number(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String md5(String password) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            refuse();
        } catch (IOException e) {
            // closing anyway
        }
        server.interrupt();
        try {
            server.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
