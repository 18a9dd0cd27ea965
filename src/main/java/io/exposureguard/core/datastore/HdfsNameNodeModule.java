package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The HDFS NameNode (web UI 9870, 50070 before Hadoop 3; RPC 8020, 9000). Hadoop's default
 * {@code hadoop.security.authentication=simple} trusts the user name a client claims, so anyone reaching it reads
 * and deletes files as any user; only {@code kerberos} authenticates. Recognised by the NameNode images, and by
 * the general {@code apache/hadoop} image when it runs {@code hdfs namenode}.
 */
public final class HdfsNameNodeModule extends DatastoreModule {

    private static final String FIX = "set hadoop.security.authentication=kerberos (core-site.xml) with Kerberos principals and keytabs";

    public HdfsNameNodeModule() {
        super("HDFS NameNode", Set.of("hadoop-namenode", "namenode"), List.of(9870, 8020));
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.WEBHDFS_HTTP;
    }

    @Override
    public Optional<String> recognisesOther(ContainerView c) {
        return c.image().lastSegment().equals("hadoop") && c.args().contains("namenode")
                ? Optional.of(c.imageLabel() + " running namenode") : Optional.empty();
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        boolean kerberosEnv = c.env().entrySet().stream().anyMatch(e -> e.getKey().replace('_', '.').endsWith("hadoop.security.authentication")
                && e.getValue().value().trim().equalsIgnoreCase("kerberos"));
        if (kerberosEnv || c.configMatches("<name>\\s*hadoop\\.security\\.authentication\\s*</name>\\s*<value>\\s*kerberos")) {
            return AuthVerdict.on(who + " sets hadoop.security.authentication=kerberos");
        }
        if (!c.unseenConfig().isEmpty()) {
            return configNotRead(c, "core-site.xml", FIX);
        }
        return AuthVerdict.off(who + " (" + c.imageLabel() + ") keeps Hadoop's default simple authentication: a client"
                + " is whoever it claims to be", FIX);
    }
}
