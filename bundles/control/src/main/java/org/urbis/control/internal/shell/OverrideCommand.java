package org.urbis.control.internal.shell;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.api.runtime.SiteZone;
import org.urbis.api.schedule.GroupOverride;
import org.urbis.api.schedule.ScheduleManager;
import org.urbis.shell.parsing.SignedNumbers;
import org.urbis.shell.session.ConsoleCaller;

/** Holds a scheduled group at a level until a time or its next program step. */
@Command(
        scope = "urbis",
        name = "override",
        description = "Holds a scheduled group at a level until --until, or until its next program step")
@Service
@Parsing(SignedNumbers.class)
public class OverrideCommand implements Action {

    @Argument(index = 0, name = "group", description = "The group, key=value", required = true)
    String group;

    @Argument(index = 1, name = "level", description = "Dim level 0 (off) to 100", required = true)
    int level;

    @Option(
            name = "--until",
            description = "ISO time with offset, such as 2026-06-21T23:00+07:00; default the next program step")
    String until;

    @Reference
    ScheduleManager schedules;

    @Reference
    SiteZone site;

    @Override
    public Object execute() throws Exception {
        ConsoleCaller caller = ConsoleCaller.current().require("overriding a schedule", "operator", "admin");
        Instant end = until == null ? null : parseUntil(until);
        GroupOverride o = schedules.override(group, level, end, caller.user());
        System.out.println("Group " + o.group() + " held at " + held(o, site));
        return null;
    }

    /** {@code <level> % until <time>}, the time in the site's zone. */
    static String held(GroupOverride o, SiteZone site) {
        return o.level() + " % until " + site.format(o.until());
    }

    static Instant parseUntil(String text) {
        return OffsetDateTime.parse(text.trim()).toInstant();
    }
}
