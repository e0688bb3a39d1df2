package org.urbis.trust.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.audit.AuditRecorder;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.runtime.PlatformAlarms;
import org.urbis.api.runtime.PlatformThreads;

/**
 * Which bundles may run. Those present at boot may; a bundle installed (or updated) after boot
 * resolves only when it comes unchanged from the distribution's system repository or when the
 * framework verified its signature by a key of the site's trust store. Every other bundle is
 * dropped from resolution by a resolver hook, so none of its classes ever loads: no
 * SecurityManager is involved. Each refusal is an error in the log naming the bundle and its
 * signer, an {@code UNTRUSTED_BUNDLE} platform alarm (it stays until acknowledged: the refusal
 * happened, even once the bundle is gone) and an audit record.
 *
 * <p>Signatures are verified by the framework's security extension ({@code framework-security}):
 * without it the framework reports no signer at all, and only system-repository bundles pass.
 */
@Component(service = TrustPolicy.class, immediate = true, configurationPid = TrustConfig.PID)
@Designate(ocd = TrustConfig.class)
public final class TrustPolicy implements ResolverHookFactory, SynchronousBundleListener {

    private static final Logger LOG = LoggerFactory.getLogger(TrustPolicy.class);

    /** Alarm source and type of a refused bundle. */
    static final String ALARM_SOURCE = "drivers";

    static final String ALARM_TYPE = "UNTRUSTED_BUNDLE";

    /** What Karaf registers once its boot features are in place. */
    private static final String BOOT_FINISHED = "org.apache.karaf.features.BootFinished";

    /** The symbolic name of the framework extension that verifies signatures. */
    private static final String SECURITY_EXTENSION = "org.apache.felix.framework.security";

    private final BundleContext context;
    private final PlatformAlarms alarms;
    private final boolean enforce;
    private final TrustStore store;
    private final Path systemRepository;
    private final List<Pattern> admitted;
    /** Bundles of the boot, and bundles updated after it (whose location no longer says where their content came from). */
    private final TrustState state;
    /** Refused bundles still installed, by id, with the revision (last-modified time) refused: each is reported once. */
    private final Map<Long, Long> refused = new ConcurrentHashMap<>();
    /** Reports leave the resolver's thread: logging, the alarm and the audit record never run under its lock. */
    private final ExecutorService reporter =
            Executors.newSingleThreadExecutor(PlatformThreads.named("urbis-trust-reports"));

    private final ServiceTracker<Object, Object> bootFinished;
    private final ServiceRegistration<ResolverHookFactory> hook;
    private volatile AuditRecorder audit;

    @Activate
    public TrustPolicy(BundleContext context, @Reference PlatformAlarms alarms, TrustConfig config) throws IOException {
        this.context = context;
        this.alarms = alarms;
        this.enforce = config.enforce();
        this.store = TrustStore.load(
                Path.of(orDefault(config.trustStore(), property("karaf.etc", "etc"), "urbis", "trust")));
        this.systemRepository = Path.of(orDefault(config.systemRepository(), property("karaf.home", "."), "system"));
        this.admitted = Arrays.stream(config.admittedLocations())
                .filter(s -> !s.isBlank())
                .map(Pattern::compile)
                .toList();
        List<Long> installed =
                Arrays.stream(context.getBundles()).map(Bundle::getBundleId).toList();
        this.state =
                TrustState.load(context.getDataFile("trust-state.properties").toPath(), installed);
        context.addBundleListener(this);
        this.bootFinished = new ServiceTracker<>(context, BOOT_FINISHED, null);
        bootFinished.open();
        this.hook = context.registerService(ResolverHookFactory.class, this, null);
        if (!enforce) {
            LOG.warn(
                    "Bundle trust NOT enforced (etc/{}.cfg enforce = false): any bundle installed may run",
                    TrustConfig.PID);
        } else {
            LOG.info(
                    "Bundle trust enforced: after boot only bundles from {} or signed by one of {} certificate(s) in {} ({})"
                            + " resolve",
                    systemRepository,
                    store.certificates().size(),
                    store.folder(),
                    store.certificates().stream().map(TrustStore::name).collect(Collectors.joining(", ")));
            if (!signaturesVerified()) {
                LOG.error(
                        "The framework verifies no signature ({} is not active: install the framework-security feature and "
                                + "restart): every signed bundle will be refused as unsigned",
                        SECURITY_EXTENSION);
            }
        }
    }

    @Deactivate
    void deactivate() {
        hook.unregister();
        bootFinished.close();
        context.removeBundleListener(this);
        reporter.shutdown();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindAudit(AuditRecorder a) {
        audit = a;
    }

    void unbindAudit(AuditRecorder a) {
        if (audit == a) {
            audit = null;
        }
    }

    /** Whether the framework's security extension is attached, so that signers are reported at all. */
    boolean signaturesVerified() {
        for (Bundle b : context.getBundles()) {
            if (SECURITY_EXTENSION.equals(b.getSymbolicName())
                    && (b.getState() & (Bundle.RESOLVED | Bundle.ACTIVE)) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Why {@code bundle} may run, or why not. */
    Verdict verdict(Bundle bundle) {
        if (!enforce) {
            return Verdict.trusted("trust not enforced");
        }
        if (bundle.getBundleId() == 0 || state.isBoot(bundle.getBundleId())) {
            return Verdict.trusted("boot");
        }
        Optional<X509Certificate> trusted = store.trusted(bundle.getSignerCertificates(Bundle.SIGNERS_ALL));
        if (trusted.isPresent()) {
            String name = TrustStore.name(trusted.get());
            return new Verdict(true, "signed by " + name, name);
        }
        String location = bundle.getLocation();
        if (!updatedSinceInstall(bundle) && inSystemRepository(location)) {
            return Verdict.trusted("system repository");
        }
        if (admitted.stream().anyMatch(p -> p.matcher(location).matches())) {
            return Verdict.trusted("admitted location");
        }
        Map<X509Certificate, List<X509Certificate>> all = bundle.getSignerCertificates(Bundle.SIGNERS_ALL);
        if (all.isEmpty()) {
            return new Verdict(false, "unsigned", "none");
        }
        String signers = all.keySet().stream().map(TrustStore::name).sorted().collect(Collectors.joining(", "));
        return new Verdict(
                false, "signed by " + signers + ", who is not in the trust store " + store.folder(), signers);
    }

    /** Refuses a bundle: logs it, raises the alarm and audits it, once per revision. */
    void refuse(Bundle bundle, Verdict verdict, String issuer) {
        Long revision = bundle.getLastModified();
        if (revision.equals(refused.put(bundle.getBundleId(), revision))) {
            return;
        }
        String subject = bundle.getSymbolicName() + " " + bundle.getVersion();
        String message = "bundle " + subject + " (id " + bundle.getBundleId() + ", from " + bundle.getLocation()
                + ") refused: " + verdict.trust() + "; it will not resolve";
        reporter.execute(() -> {
            LOG.error("Untrusted {}", message);
            alarms.raise(ALARM_SOURCE, ALARM_TYPE, AlarmSeverity.MAJOR, message);
            AuditRecorder a = audit;
            if (a == null) {
                LOG.error("No audit log (urbis-control) to record the refusal of {}", subject);
            } else {
                a.record("BUNDLE_REFUSED", subject, issuer, "signer " + verdict.signer() + ": " + verdict.trust());
            }
        });
    }

    private boolean updatedSinceInstall(Bundle bundle) {
        return state.isUpdated(bundle.getBundleId());
    }

    /** Whether an {@code mvn:} location names an artifact of the distribution's own system repository. */
    boolean inSystemRepository(String location) {
        return MavenLocation.parse(location)
                .map(m -> Files.isRegularFile(systemRepository.resolve(m.path())))
                .orElse(false);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        long id = event.getBundle().getBundleId();
        switch (event.getType()) {
            case BundleEvent.INSTALLED -> {
                // what the boot features install is the distribution's own
                if (bootFinished.getService() == null) {
                    state.installedDuringBoot(id);
                }
            }
            case BundleEvent.UPDATED -> {
                // bundle:update, a feature upgrade: the new content is checked like a new bundle
                if (bootFinished.getService() != null) {
                    state.updatedAfterBoot(id);
                }
            }
            case BundleEvent.UNINSTALLED -> {
                state.uninstalled(id);
                refused.remove(id);
            }
            default -> {
                // other events change nothing about trust
            }
        }
    }

    @Override
    public ResolverHook begin(Collection<BundleRevision> triggers) {
        String issuer = Issuer.current("platform");
        return new ResolverHook() {
            @Override
            public void filterResolvable(Collection<BundleRevision> candidates) {
                for (Iterator<BundleRevision> it = candidates.iterator(); it.hasNext(); ) {
                    Bundle b = it.next().getBundle();
                    Verdict v = verdict(b);
                    if (!v.trusted()) {
                        it.remove();
                        refuse(b, v, issuer);
                    }
                }
            }

            @Override
            public void filterSingletonCollisions(BundleCapability singleton, Collection<BundleCapability> candidates) {
                // trust does not depend on collisions
            }

            @Override
            public void filterMatches(BundleRequirement requirement, Collection<BundleCapability> candidates) {
                // an untrusted bundle never resolves, so it never offers a capability to match
            }

            @Override
            public void end() {
                // nothing held across a resolution
            }
        };
    }

    private static String property(String name, String fallback) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String orDefault(String configured, String base, String... more) {
        return configured == null || configured.isBlank() ? Path.of(base, more).toString() : configured;
    }
}
