package io.exposureguard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on 127.0.0.1 between a client and a server, for fault injection: it can cut every open
 * connection at once (dropped watches, a restarted API server behind a load balancer) and delay every chunk
 * it forwards (a slow API server). TLS passes through untouched.
 */
public final class FlakyTcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "flaky-proxy");
        t.setDaemon(true);
        return t;
    });
    private volatile long delayMillis;

    public FlakyTcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.execute(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Every forwarded chunk waits this long (0: none). */
    public void delay(long millis) {
        this.delayMillis = millis;
    }

    /** Closes every open connection; new ones are accepted as before. */
    public int cutAll() {
        int n = 0;
        for (Socket s : open) {
            try {
                s.close();
                n++;
            } catch (IOException ignored) {
                // already closed
            }
        }
        open.clear();
        return n;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(server);
                pool.execute(() -> pump(client, server));
                pool.execute(() -> pump(server, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                long wait = delayMillis;
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // connection cut or closed: close the other side too
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
            open.remove(from);
            open.remove(to);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cutAll();
        pool.shutdownNow();
    }
}
