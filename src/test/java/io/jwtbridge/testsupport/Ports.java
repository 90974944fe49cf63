package io.jwtbridge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Free TCP ports for the servers the tests start. Kept apart from {@link IntegrationTests}: using
 * it does not choose that class's port minutes before its context binds it.
 */
public final class Ports {

    private Ports() {}

    /** A port nothing listens on now; whoever asked should bind it soon. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
