package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/**
 * MinIO (S3 API 9000, console 9001). Its root user is MINIO_ROOT_USER/MINIO_ROOT_PASSWORD (formerly
 * MINIO_ACCESS_KEY/MINIO_SECRET_KEY); when they are not set, MinIO uses {@code minioadmin}/{@code minioadmin}, and
 * Bitnami's image {@code minio}/{@code miniosecret}; the MinIO operator's examples write {@code minio}/{@code minio123}.
 * A well-known root password is as good as none.
 */
public final class MinioModule extends DatastoreModule {

    private static final String FIX = "set MINIO_ROOT_USER and MINIO_ROOT_PASSWORD from a Secret, to values other than the defaults";
    private static final Set<String> WELL_KNOWN_PASSWORDS = Set.of("minioadmin", "miniosecret", "minio123");
    private static final String[] PASSWORD_ENV = {
        "MINIO_ROOT_PASSWORD", "MINIO_ROOT_PASSWORD_FILE", "MINIO_SECRET_KEY", "MINIO_SECRET_KEY_FILE"};

    public MinioModule() {
        super("MinIO", Set.of("minio"), List.of(9000, 9001));
    }

    /** Whether a root password is one of MinIO's published defaults or examples. */
    public static boolean wellKnownPassword(String password) {
        return WELL_KNOWN_PASSWORDS.contains(password);
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        String wellKnown = c.image().bitnami() ? "miniosecret" : "minioadmin";
        for (String name : List.of("MINIO_ROOT_PASSWORD", "MINIO_SECRET_KEY")) {
            if (c.envValue(name).filter(MinioModule::wellKnownPassword).isPresent()) {
                return AuthVerdict.off(who + " env " + name + " is MinIO's well-known default root password", FIX);
            }
        }
        PasswordEnv password = PasswordEnv.of(c, PASSWORD_ENV);
        if (password.state() != PasswordEnv.State.NONE) {
            return AuthVerdict.on(who + " sets the root password: " + password.fact());
        }
        return AuthVerdict.off(who + " (" + c.imageLabel() + ") sets no MINIO_ROOT_PASSWORD: the root user keeps the default"
                + " password '" + wellKnown + "'", FIX);
    }
}
