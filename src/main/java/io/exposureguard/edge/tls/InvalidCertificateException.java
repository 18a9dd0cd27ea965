package io.exposureguard.edge.tls;

/** Stored certificate material that cannot be used; the message names the part and what is wrong with it. */
public class InvalidCertificateException extends Exception {

    public InvalidCertificateException(String message) {
        super(message);
    }
}
