package io.exposureguard.edge.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** The {@code tls.crt} / {@code tls.key} pair the HTTPS server reads, replaced atomically (key first). */
public final class CertificateFiles {

    private final Path dir;

    public CertificateFiles(Path dir) {
        this.dir = dir;
    }

    public Path certificate() {
        return dir.resolve(WebhookTlsBundle.TLS_CERT);
    }

    public Path key() {
        return dir.resolve(WebhookTlsBundle.TLS_KEY);
    }

    public boolean present() {
        return Files.isRegularFile(certificate()) && Files.isRegularFile(key());
    }

    /** Writes the pair unless the files already hold it; true when something changed. */
    public boolean write(String certificatePem, String keyPem) throws IOException {
        if (present() && Files.readString(certificate()).equals(certificatePem) && Files.readString(key()).equals(keyPem)) {
            return false;
        }
        Files.createDirectories(dir);
        replace(key(), keyPem, true);
        replace(certificate(), certificatePem, false);
        return true;
    }

    public String readCertificate() throws IOException {
        return Files.readString(certificate());
    }

    private void replace(Path target, String content, boolean secret) throws IOException {
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            if (secret && tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
