package org.urbis.rest.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.servlet.Servlet;
import javax.ws.rs.core.Application;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.BackingEngineFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.JaxrsWhiteboardConstants;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.audit.AuditTrail;
import org.urbis.api.command.CommandService;
import org.urbis.api.deploy.DriverDeployment;
import org.urbis.api.grid.Feeders;
import org.urbis.api.history.History;
import org.urbis.api.irrigation.IrrigationPrograms;
import org.urbis.api.maintenance.Maintenance;
import org.urbis.api.notify.Notifications;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.Inventory;
import org.urbis.api.runtime.PlatformAlarms;
import org.urbis.api.runtime.PollMonitor;
import org.urbis.api.schedule.ScheduleManager;
import org.urbis.api.telemetry.TelemetryMonitor;
import org.urbis.rest.internal.events.EventHub;
import org.urbis.rest.internal.resource.AlarmsResource;
import org.urbis.rest.internal.resource.AuditResource;
import org.urbis.rest.internal.resource.CommandsResource;
import org.urbis.rest.internal.resource.DevicesResource;
import org.urbis.rest.internal.resource.DriversResource;
import org.urbis.rest.internal.resource.EventsResource;
import org.urbis.rest.internal.resource.GridResource;
import org.urbis.rest.internal.resource.HistoryResource;
import org.urbis.rest.internal.resource.HistoryStatusResource;
import org.urbis.rest.internal.resource.InventoryResource;
import org.urbis.rest.internal.resource.IrrigationResource;
import org.urbis.rest.internal.resource.MaintenanceResource;
import org.urbis.rest.internal.resource.NotificationsResource;
import org.urbis.rest.internal.resource.OpenApiResource;
import org.urbis.rest.internal.resource.OverridesResource;
import org.urbis.rest.internal.resource.SchedulesResource;
import org.urbis.rest.internal.resource.SessionResource;
import org.urbis.rest.internal.resource.SiteResource;
import org.urbis.rest.internal.resource.TelemetryResource;
import org.urbis.rest.internal.resource.UsersResource;
import org.urbis.rest.internal.security.AuthenticationFilter;
import org.urbis.rest.internal.security.LoginLimiter;
import org.urbis.rest.internal.security.Realm;
import org.urbis.rest.internal.security.RoleFeature;
import org.urbis.rest.internal.security.Sessions;
import org.urbis.rest.internal.security.UserStore;

/**
 * The REST API: a JAX-RS application on the OSGi JAX-RS Whiteboard at {@code /api/v1}, and the
 * Prometheus scrape endpoint {@code /metrics}, a servlet on the HTTP Whiteboard (a second JAX-RS
 * application would share the first one's CXF bus and take over its address). Both log users in
 * through the same realm, sessions and rate limit; the optional services (schedules, audit, telemetry, history, the realm's user store) are used while
 * they are there, and their resources answer 503 while they are not.
 */
@Component(configurationPid = RestConfig.PID)
@Designate(ocd = RestConfig.class)
public final class RestApplication {

    private static final Logger LOG = LoggerFactory.getLogger(RestApplication.class);

    /** The resource classes of /api/v1, which the OpenAPI description is read from. */
    public static final Set<Class<?>> API_RESOURCES = Set.of(
            SessionResource.class,
            SiteResource.class,
            DevicesResource.class,
            AlarmsResource.class,
            CommandsResource.class,
            SchedulesResource.class,
            OverridesResource.class,
            AuditResource.class,
            TelemetryResource.class,
            InventoryResource.class,
            UsersResource.class,
            EventsResource.class,
            OpenApiResource.class,
            HistoryResource.class,
            HistoryStatusResource.class,
            MaintenanceResource.class,
            NotificationsResource.class,
            DriversResource.class,
            IrrigationResource.class,
            GridResource.class);

    private final ServiceSlot<ScheduleManager> schedules = new ServiceSlot<>("the schedule service (urbis-control)");
    private final ServiceSlot<AuditTrail> audit = new ServiceSlot<>("the audit trail (urbis-control)");
    private final ServiceSlot<TelemetryMonitor> telemetry = new ServiceSlot<>("telemetry (urbis-telemetry)");
    private final ServiceSlot<History> history = new ServiceSlot<>("history (urbis-history)");
    private final ServiceSlot<DriverDeployment> drivers = new ServiceSlot<>("driver deployment (urbis-trust)");
    private final ServiceSlot<UserStore> users = new ServiceSlot<>("the realm's user store");
    private final ServiceSlot<Maintenance> maintenance = new ServiceSlot<>("maintenance mode (urbis-control)");
    private final ServiceSlot<Notifications> notifications = new ServiceSlot<>("alarm notifications (urbis-notify)");
    private final ServiceSlot<IrrigationPrograms> irrigation =
            new ServiceSlot<>("irrigation programs (urbis-irrigation)");
    private final ServiceSlot<Feeders> feeders = new ServiceSlot<>("the grid's feeders (urbis-grid)");
    private final List<JaasRealm> realms = new CopyOnWriteArrayList<>();
    private final List<BackingEngineFactory> engines = new CopyOnWriteArrayList<>();
    private final String realmName;
    private final ServiceRegistration<Application> api;
    private final ServiceRegistration<Servlet> metrics;

    @Activate
    public RestApplication(
            @Reference DeviceRegistry registry,
            @Reference CommandService commands,
            @Reference Inventory inventory,
            @Reference PlatformAlarms alarms,
            @Reference PollMonitor polls,
            @Reference EventHub events,
            @Reference CommandTracker tracker,
            RestConfig config,
            BundleContext context) {
        this.realmName = config.jaas_realm();
        updateUsers();
        Clock clock = Clock.systemUTC();
        String version = context.getBundle().getVersion().toString();
        Sessions sessions = new Sessions(
                Duration.ofMinutes(config.session_idleMinutes()), Duration.ofHours(config.session_maxHours()));
        AuthenticationFilter authentication = new AuthenticationFilter(
                new Realm(config.jaas_realm()),
                sessions,
                new LoginLimiter(config.login_burst(), Duration.ofSeconds(config.login_refillSeconds())),
                alarms,
                clock);
        Set<Object> api = new LinkedHashSet<>(List.of(
                json(),
                authentication,
                new RoleFeature(),
                new ProblemMappers.MalformedJson(),
                new ProblemMappers.Http(),
                new ProblemMappers.RefusedSchedule(),
                new ProblemMappers.Invalid(),
                new ProblemMappers.Unexpected()));
        api.add(new SessionResource(authentication, sessions, config.session_secureCookie(), clock));
        api.add(new SiteResource(schedules, version, clock));
        api.add(new DevicesResource(registry, events));
        api.add(new AlarmsResource(registry));
        api.add(new CommandsResource(commands, tracker, Duration.ofMillis(config.commands_waitMillis()), clock));
        api.add(new SchedulesResource(schedules));
        api.add(new OverridesResource(schedules));
        api.add(new AuditResource(audit, clock));
        api.add(new TelemetryResource(telemetry));
        api.add(new HistoryResource(registry, history));
        api.add(new HistoryStatusResource(history));
        api.add(new InventoryResource(inventory, config.upload_maxBytes()));
        api.add(new UsersResource(users, sessions));
        api.add(new EventsResource(events));
        api.add(new MaintenanceResource(maintenance, registry));
        api.add(new NotificationsResource(notifications, clock));
        api.add(new DriversResource(drivers, config.drivers_maxBytes()));
        api.add(new IrrigationResource(irrigation));
        api.add(new GridResource(feeders));
        api.add(new OpenApiResource(API_RESOURCES, version));
        this.api = register(context, "urbis-api", "/api/v1", api);

        Dictionary<String, Object> servlet = new Hashtable<>();
        servlet.put("osgi.http.whiteboard.servlet.pattern", "/metrics");
        servlet.put("osgi.http.whiteboard.servlet.name", "urbis-metrics");
        metrics = context.registerService(
                Servlet.class,
                new MetricsServlet(authentication, registry, polls, tracker, telemetry, events),
                servlet);
        LOG.info("REST API at /api/v1 and metrics at /metrics (JAAS realm '{}')", config.jaas_realm());
    }

    private static JacksonJsonProvider json() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return new JacksonJsonProvider(mapper);
    }

    private static ServiceRegistration<Application> register(
            BundleContext context, String name, String base, Set<Object> singletons) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(JaxrsWhiteboardConstants.JAX_RS_NAME, name);
        props.put(JaxrsWhiteboardConstants.JAX_RS_APPLICATION_BASE, base);
        Application app = new Application() {
            @Override
            public Set<Object> getSingletons() {
                return singletons;
            }
        };
        return context.registerService(Application.class, app, props);
    }

    @Deactivate
    void deactivate() {
        metrics.unregister();
        api.unregister();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindSchedules(ScheduleManager s) {
        schedules.set(s);
    }

    void unbindSchedules(ScheduleManager s) {
        schedules.unset(s);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindAudit(AuditTrail a) {
        audit.set(a);
    }

    void unbindAudit(AuditTrail a) {
        audit.unset(a);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindTelemetry(TelemetryMonitor t) {
        telemetry.set(t);
    }

    void unbindTelemetry(TelemetryMonitor t) {
        telemetry.unset(t);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindHistory(History h) {
        history.set(h);
    }

    void unbindHistory(History h) {
        history.unset(h);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindMaintenance(Maintenance m) {
        maintenance.set(m);
    }

    void unbindMaintenance(Maintenance m) {
        maintenance.unset(m);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindNotifications(Notifications n) {
        notifications.set(n);
    }

    void unbindNotifications(Notifications n) {
        notifications.unset(n);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindIrrigation(IrrigationPrograms p) {
        irrigation.set(p);
    }

    void unbindIrrigation(IrrigationPrograms p) {
        irrigation.unset(p);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindFeeders(Feeders f) {
        feeders.set(f);
    }

    void unbindFeeders(Feeders f) {
        feeders.unset(f);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindDrivers(DriverDeployment d) {
        drivers.set(d);
    }

    void unbindDrivers(DriverDeployment d) {
        drivers.unset(d);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindRealm(JaasRealm realm) {
        realms.add(realm);
        updateUsers();
    }

    void unbindRealm(JaasRealm realm) {
        realms.remove(realm);
        updateUsers();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindEngineFactory(BackingEngineFactory f) {
        engines.add(f);
        updateUsers();
    }

    void unbindEngineFactory(BackingEngineFactory f) {
        engines.remove(f);
        updateUsers();
    }

    /** The user store of the realm of highest rank with the configured name, when it and an engine for it are there. */
    private synchronized void updateUsers() {
        JaasRealm realm = realms.stream()
                .filter(r -> r.getName().equals(realmName))
                .max(java.util.Comparator.comparingInt(JaasRealm::getRank))
                .orElse(null);
        users.set(realm == null || realmName == null ? null : UserStore.of(realm, engines));
    }
}
