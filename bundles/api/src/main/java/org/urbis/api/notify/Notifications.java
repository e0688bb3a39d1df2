package org.urbis.api.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The notification service. Its configuration is a folder of JSON files ({@code etc/urbis/notify/*.json}),
 * each with {@code channels} and {@code rules}; they are read together, so a rule may name a channel of
 * another file.
 */
@ProviderType
public interface Notifications {

    /** Every configuration file in force by name, as JSON text with secrets and passwords masked. */
    Map<String, String> files();

    /**
     * Checks a file together with the others and, when it passes, writes it into the folder and puts it in force.
     *
     * @param name file name, {@code [a-z0-9-]+.json}
     * @throws NotifyConfigException naming every problem by file and field; nothing changes then
     */
    void putFile(String name, String json) throws NotifyConfigException;

    /** The records since an instant, oldest first, at most the newest {@code limit}. */
    List<NotificationRecord> records(Instant since, int limit);
}
