package io.jwtbridge.settings;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on one database connection for the {@code NOTIFY} of settings changes made by any
 * instance and drops the {@link SettingsCache}'s copies. Without that connection the cache keeps
 * nothing; the listener checks the connection every 10 s and reconnects every second.
 */
@Component
class SettingsChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SettingsChangeListener.class);
    private static final int WAIT_MILLIS = 500;
    /** Every 10 s the connection is checked with a query. */
    private static final int CHECK_EVERY_POLLS = 20;

    private final DataSource dataSource;
    private final SettingsCache cache;
    private volatile boolean running;
    private Thread thread;

    SettingsChangeListener(DataSource dataSource, SettingsCache cache) {
        this.dataSource = dataSource;
        this.cache = cache;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "settings-changes");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2 * WAIT_MILLIS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        cache.listening(false);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        boolean warned = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("listen " + SettingsCache.CHANNEL);
                }
                PGConnection notices = connection.unwrap(PGConnection.class);
                cache.listening(true);
                if (warned) {
                    log.info("Listening for settings changes again; settings are cached");
                    warned = false;
                }
                for (int polls = 1; running; polls++) {
                    PGNotification[] received = notices.getNotifications(WAIT_MILLIS);
                    if (received != null && received.length > 0) {
                        cache.dropAll();
                    }
                    if (polls % CHECK_EVERY_POLLS == 0) {
                        // A silently dropped connection would only ever wait: ask it something.
                        try (Statement check = connection.createStatement()) {
                            check.execute("select 1");
                        }
                    }
                }
            } catch (SQLException | RuntimeException ex) {
                cache.listening(false);
                if (running && !warned) {
                    log.warn("Not listening for settings changes ({}); settings are read at every use", ex.toString());
                    warned = true;
                }
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
