package io.cdclake.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Port helpers for services that must know their port before they bind it. */
final class Ports {

    private Ports() {}

    /** A port that was free a moment ago; callers bind it right away, so the race is short. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port", e);
        }
    }

    static int orFree(int port) {
        return port > 0 ? port : freePort();
    }
}
