package org.urbis.testing;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One mosquitto for all the tests of a class, registered as
 * {@code @RegisterExtension static final MosquittoPerClass broker = new MosquittoPerClass();}: started
 * on a free port before the first test (which skips them all when mosquitto is not installed) and
 * killed after the last. Tests that keep apart by topic need no broker of their own.
 */
public final class MosquittoPerClass implements BeforeAllCallback, AfterAllCallback {

    private Mosquitto broker;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        broker = Mosquitto.start(Files.createTempDirectory("mosquitto-"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** {@code tcp://127.0.0.1:<port>}. */
    public String url() {
        return broker.url();
    }
}
