package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeTarget;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A TCP (optionally TLS, unverified: {@link TrustAll}) connection for line-based and length-prefixed protocols,
 * with a connect timeout, one deadline for all reads, and a cap on how much is read.
 */
final class RawConnection implements Closeable {

    private final Socket socket;
    private final long deadlineNanos;
    private final Duration readTimeout;

    private RawConnection(Socket socket, Duration readTimeout) {
        this.socket = socket;
        this.readTimeout = readTimeout;
        this.deadlineNanos = System.nanoTime() + readTimeout.toNanos();
    }

    static RawConnection open(ProbeTarget target, ProbeSettings settings) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(target.host(), target.port()), Math.toIntExact(settings.connectTimeout().toMillis()));
            plain.setSoTimeout(Math.toIntExact(settings.requestTimeout().toMillis()));
            if (!target.tls()) {
                return new RawConnection(plain, settings.requestTimeout());
            }
            SSLSocket tls = (SSLSocket) TrustAll.context().getSocketFactory().createSocket(plain, target.host(), target.port(), true);
            tls.setSoTimeout(Math.toIntExact(settings.requestTimeout().toMillis()));
            tls.startHandshake();
            return new RawConnection(tls, settings.requestTimeout());
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /**
     * Bytes up to and without the first CRLF. Throws {@link CutShortException} when the server closes first,
     * {@link SocketTimeoutException} past the deadline, {@link LineTooLongException} past {@code cap} bytes.
     */
    byte[] readLine(int cap) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            armTimeout();
            int b = in.read();
            if (b < 0) {
                throw new CutShortException(line.toByteArray());
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return java.util.Arrays.copyOf(bytes, bytes.length - 1);
            }
            if (line.size() >= cap) {
                throw new LineTooLongException(cap, line.toByteArray());
            }
            line.write(b);
            previous = b;
        }
    }

    /**
     * Exactly {@code n} bytes, within the same deadline as {@link #readLine}. Throws {@link CutShortException} (with
     * what came before) when the server closes first, {@link SocketTimeoutException} past the deadline. Callers
     * check {@code n} against their own cap before asking.
     */
    byte[] readExactly(int n) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] bytes = new byte[n];
        int read = 0;
        while (read < n) {
            armTimeout();
            int got = in.read(bytes, read, n - read);
            if (got < 0) {
                throw new CutShortException(java.util.Arrays.copyOf(bytes, read));
            }
            read += got;
        }
        return bytes;
    }

    /** The time left before the deadline as the socket's read timeout; past it, a timeout. */
    private void armTimeout() throws IOException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("read timed out");
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(left).toMillis())));
    }

    Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The server closed the connection before a line end; {@code start} is what it sent before. */
    static final class CutShortException extends EOFException {
        final transient byte[] start;

        CutShortException(byte[] start) {
            super(start.length == 0 ? "closed without a reply" : "closed mid-line");
            this.start = start;
        }
    }

    /** No line end within the cap; {@code start} is what was read, for judging what kind of answer it was. */
    static final class LineTooLongException extends IOException {
        final transient byte[] start;

        LineTooLongException(int cap, byte[] start) {
            super("no line end within " + cap + " bytes");
            this.start = start;
        }
    }
}
