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
 * nothing; the listener reconnects every second.
 */
@Component
class SettingsChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SettingsChangeListener.class);
    private static final int WAIT_MILLIS = 500;

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
                while (running) {
                    PGNotification[] received = notices.getNotifications(WAIT_MILLIS);
                    if (received != null && received.length > 0) {
                        cache.dropAll();
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
