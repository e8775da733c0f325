package ai.aleff.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port helpers: find a free one, or tell whether one is taken before a child process fails on it. */
public final class FreePort {

    private FreePort() {
    }

    public static int find() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a message that says who probably holds the port, instead of a child's bind error. */
    static void requireFree(int port, String what) {
        if (!isFree(port)) {
            throw new PlatformStartException("Port " + port + " for " + what + " is already in use on 127.0.0.1. "
                    + "Is another `./aleff run` open? Stop it, or start this one with --port-offset 100.");
        }
    }
}
