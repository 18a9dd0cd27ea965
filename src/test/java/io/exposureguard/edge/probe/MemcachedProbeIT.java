package io.exposureguard.edge.probe;

import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;
import io.exposureguard.testing.InstalledTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The memcached probe against real memcached processes, without and with SASL. */
class MemcachedProbeIT {

    private static final String PURPOSE = "to test the memcached probe against a real server";
    private static LocalServer open;
    private static LocalServer withSasl;

    private final Probes probes = new Probes(ProbeSettings.defaults());

    @BeforeAll
    static void startMemcachedWithoutAndWithSasl() throws Exception {
        Optional<Path> binary = InstalledTools.find("memcached");
        if (binary.isPresent() && Unprivileged.toolsPresent()) {
            open = MemcachedServer.start(binary.get(), false);
            withSasl = MemcachedServer.start(binary.get(), true);
        }
    }

    @AfterAll
    static void stopMemcached() {
        LocalServer.stop(open, withSasl);
    }

    private ProbeResult probe(int port) {
        InstalledTools.require("memcached", PURPOSE, "memcached");
        Unprivileged.requireTools();
        return probes.probe(new ProbeTarget("127.0.0.1", port, DatastoreKind.MEMCACHED, false));
    }

    @Test
    void memcachedWithoutSaslIsOpen() {
        ProbeResult result = probe(open == null ? 1 : open.port());

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.OPEN);
        assertThat(result.evidence()).isEqualTo("binary STAT answered without authentication (0 items stored)");
    }

    @Test
    void memcachedWithSaslIsProtected() {
        ProbeResult result = probe(withSasl == null ? 1 : withSasl.port());

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.PROTECTED);
        assertThat(result.evidence()).isEqualTo("binary STAT answered status 0x20 (authentication required: SASL)");
    }
}
