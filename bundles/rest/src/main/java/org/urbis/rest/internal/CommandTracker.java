package org.urbis.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandEvent;
import org.urbis.api.command.CommandListener;
import org.urbis.api.command.CommandState;

/**
 * The recent commands of every source with each device's latest state, from the pipeline's state
 * changes, for {@code GET /api/v1/commands}; and counts of state changes for the metrics. Older
 * commands drop out (the audit log keeps everything).
 */
@Component(
        service = {CommandTracker.class, CommandListener.class},
        configurationPid = RestConfig.PID)
public final class CommandTracker implements CommandListener {

    private final int capacity;
    private final Map<String, Tracked> commands = new LinkedHashMap<>();
    private final Map<CommandState, LongAdder> changes = new EnumMap<>(CommandState.class);

    /** A command as far as it went, with each device's latest state (left out of lists). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CommandView(
            String id,
            String target,
            String point,
            Object value,
            String issuer,
            String state,
            String reason,
            String receivedAt,
            List<Views.CommandChange> devices) {}

    private static final class Tracked {
        final CommandEvent first;
        CommandEvent overall;
        final Map<String, CommandEvent> devices = new LinkedHashMap<>();

        Tracked(CommandEvent first) {
            this.first = first;
            this.overall = first;
        }
    }

    @Activate
    public CommandTracker(RestConfig config) {
        this.capacity = Math.max(1, config.commands_recent());
        for (CommandState s : CommandState.values()) {
            changes.put(s, new LongAdder());
        }
    }

    @Override
    public void commandChanged(CommandEvent e) {
        changes.get(e.state()).increment();
        synchronized (this) {
            Tracked t = commands.get(e.commandId());
            if (t == null) {
                t = new Tracked(e);
                commands.put(e.commandId(), t);
                if (commands.size() > capacity) {
                    commands.remove(commands.keySet().iterator().next());
                }
            }
            if (e.deviceId() == null
                    || (!e.target().startsWith(Command.GROUP_PREFIX)
                            && e.deviceId().equals(e.target()))) {
                t.overall = e;
            }
            if (e.deviceId() != null) {
                t.devices.put(e.deviceId(), e);
            }
        }
    }

    /** State changes seen since start, by state reached. */
    public Map<CommandState, Long> stateChanges() {
        Map<CommandState, Long> counts = new EnumMap<>(CommandState.class);
        changes.forEach((s, n) -> counts.put(s, n.sum()));
        return counts;
    }

    public synchronized Optional<CommandView> find(String id) {
        return Optional.ofNullable(commands.get(id)).map(t -> view(t, true));
    }

    /** The latest commands, newest first, without their devices. */
    public synchronized List<CommandView> recent(int limit) {
        List<CommandView> all = new ArrayList<>();
        commands.values().forEach(t -> all.add(0, view(t, false)));
        return all.subList(0, Math.min(limit, all.size()));
    }

    private static CommandView view(Tracked t, boolean withDevices) {
        return new CommandView(
                t.first.commandId(),
                t.first.target(),
                t.first.point(),
                t.first.value(),
                t.first.issuer(),
                t.overall.state().name(),
                t.overall.reason(),
                Views.iso(t.first.time()),
                withDevices
                        ? t.devices.values().stream()
                                .map(Views.CommandChange::of)
                                .toList()
                        : null);
    }
}
