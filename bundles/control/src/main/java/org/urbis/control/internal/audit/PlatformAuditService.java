package org.urbis.control.internal.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.urbis.api.audit.AuditRecorder;
import org.urbis.control.internal.ControlService;

/** Records of what other bundles did outside the command pipeline, in the command audit log's hash chain. */
@Component(service = AuditRecorder.class)
public final class PlatformAuditService implements AuditRecorder {

    private final ControlService control;

    @Activate
    public PlatformAuditService(@Reference ControlService control) {
        this.control = control;
    }

    @Override
    public CompletionStage<Long> record(String event, String subject, String issuer, String detail) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("event", event);
        f.put("subject", subject);
        f.put("issuer", issuer);
        f.put("why", detail == null || detail.isEmpty() ? null : detail);
        return control.audit().writer().appendAsync(f);
    }
}
