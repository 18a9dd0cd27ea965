package io.exposureguard.reliability;

import io.netty.util.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The libraries with published security fixes are loaded at a version that has them. pom.xml overrides the
 * versions the Quarkus BOM would bring (netty-bom, jackson-bom, mongodb-driver-bom, the BouncyCastle jars): this
 * test reads the versions actually on the classpath, so a later BOM bump or a dropped override that brings back
 * a version without the fixes fails here instead of shipping.
 * <p>
 * Each floor is the first release carrying every fix known when the override was written. Raise a floor when a
 * new fix is published; never lower one.
 */
class PatchedDependenciesTest {

    /** The first release of each library line that carries every fix known when the override was written. */
    enum Floor {
        NETTY("4.1.136"), JACKSON("2.21.6"), MONGODB("5.11.1"), BOUNCYCASTLE("1.85");

        final String version;

        Floor(String version) {
            this.version = version;
        }
    }

    /** Columns: library (jar) | a class loaded from that jar | its floor. */
    @ParameterizedTest(name = "{0} >= {2}")
    @CsvSource(delimiter = '|', textBlock = """
            jackson-core                   | com.fasterxml.jackson.core.JsonFactory                          | JACKSON
            jackson-databind               | com.fasterxml.jackson.databind.ObjectMapper                     | JACKSON
            jackson-dataformat-yaml        | com.fasterxml.jackson.dataformat.yaml.YAMLFactory               | JACKSON
            jackson-datatype-jsr310        | com.fasterxml.jackson.datatype.jsr310.JavaTimeModule            | JACKSON
            jackson-datatype-jdk8          | com.fasterxml.jackson.datatype.jdk8.Jdk8Module                  | JACKSON
            jackson-module-parameter-names | com.fasterxml.jackson.module.paramnames.ParameterNamesModule    | JACKSON
            bson                           | org.bson.BsonDocument                                           | MONGODB
            mongodb-driver-core            | com.mongodb.MongoClientSettings                                 | MONGODB
            mongodb-driver-sync            | com.mongodb.client.MongoClients                                 | MONGODB
            bcprov-jdk18on                 | org.bouncycastle.jce.provider.BouncyCastleProvider              | BOUNCYCASTLE
            bcutil-jdk18on                 | org.bouncycastle.asn1.cms.ContentInfo                           | BOUNCYCASTLE
            bcpkix-jdk18on                 | org.bouncycastle.cert.X509v3CertificateBuilder                  | BOUNCYCASTLE
            """)
    void theJarOnTheClasspathHasThePublishedFixes(String library, String className, Floor floor) throws Exception {
        Class<?> type = Class.forName(className);
        String loaded = jarVersion(type);

        assertThat(atLeast(loaded, floor.version))
                .as("%s is loaded at %s (from %s); the first version with the published fixes is %s",
                        library, loaded, type.getProtectionDomain().getCodeSource().getLocation(), floor.version)
                .isTrue();
    }

    /** The same, as the libraries report their own versions at run time. */
    @Test
    void theLibrariesOwnVersionReportsAreAtLeastTheFirstFixedVersions() throws Exception {
        assertThat(List.of(
                new Reported("jackson-databind", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString(), Floor.JACKSON.version),
                new Reported("jackson-core", com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString(), Floor.JACKSON.version),
                new Reported("mongodb-driver", mongoDriverVersion(), Floor.MONGODB.version),
                new Reported("bouncycastle provider",
                        new org.bouncycastle.jce.provider.BouncyCastleProvider().getVersionStr(), Floor.BOUNCYCASTLE.version)))
                .allSatisfy(r -> assertThat(atLeast(r.version(), r.floor()))
                        .as("%s reports %s; the first version with the published fixes is %s", r.name(), r.version(), r.floor())
                        .isTrue());
    }

    /** Every Netty module on the classpath, as Netty itself reports them (META-INF/io.netty.versions.properties). */
    static Stream<Arguments> nettyModules() {
        return Version.identify().values().stream()
                .map(v -> Arguments.of(v.artifactId(), v.artifactVersion()));
    }

    @Test
    void nettyReportsTheModulesTheHttpServerAndClientsUse() {
        assertThat(Version.identify()).containsKeys("netty-common", "netty-buffer", "netty-transport", "netty-handler",
                "netty-codec", "netty-codec-http", "netty-codec-http2", "netty-resolver-dns");
    }

    @ParameterizedTest(name = "{0} {1} >= 4.1.136")
    @MethodSource("nettyModules")
    void everyNettyModuleHasThePublishedFixes(String module, String version) {
        assertThat(atLeast(version, Floor.NETTY.version))
                .as("%s is loaded at %s; the first version with the published fixes is %s", module, version, Floor.NETTY.version)
                .isTrue();
    }

    @ParameterizedTest(name = "{0} >= {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            4.1.136.Final | 4.1.136 | true
            4.1.141.Final | 4.1.136 | true
            4.2.0.Final   | 4.1.136 | true
            4.1.132.Final | 4.1.136 | false
            4.1.99.Final  | 4.1.136 | false
            2.21.10       | 2.21.6  | true
            2.21.2        | 2.21.6  | false
            2.22          | 2.21.6  | true
            1.85          | 1.85    | true
            1.85.2        | 1.85    | true
            1.9           | 1.85    | false
            1.83          | 1.85    | false
            5.14.0        | 5.11.1  | true
            5.11.0        | 5.11.1  | false
            5.6.4         | 5.11.1  | false
            """)
    void versionsCompareNumberByNumber(String version, String floor, boolean expected) {
        assertThat(atLeast(version, floor)).isEqualTo(expected);
    }

    /**
     * MongoDriverVersion.VERSION is a compile-time constant: named in source, javac would copy the version this
     * test was compiled against into it. Read reflectively, it is the loaded driver's.
     */
    private static String mongoDriverVersion() throws ReflectiveOperationException {
        return (String) Class.forName("com.mongodb.internal.build.MongoDriverVersion").getField("VERSION").get(null);
    }

    private record Reported(String name, String version, String floor) {
    }

    private static final Pattern NUMBERS = Pattern.compile("^\\d+(\\.\\d+)*");

    /** Compares the leading dotted numbers ("4.1.141.Final" is 4, 1, 141); a missing number counts as 0. */
    static boolean atLeast(String version, String floor) {
        List<Integer> v = numbers(version);
        List<Integer> f = numbers(floor);
        for (int i = 0; i < Math.max(v.size(), f.size()); i++) {
            int a = i < v.size() ? v.get(i) : 0;
            int b = i < f.size() ? f.get(i) : 0;
            if (a != b) {
                return a > b;
            }
        }
        return true;
    }

    private static List<Integer> numbers(String version) {
        Matcher m = NUMBERS.matcher(version.trim());
        if (!m.find()) {
            throw new IllegalArgumentException("not a version: '" + version + "'");
        }
        List<Integer> out = new ArrayList<>();
        for (String part : m.group().split("\\.")) {
            out.add(Integer.parseInt(part));
        }
        return out;
    }

    /** Bundle-Version of the manifest of the jar the class was loaded from (every jar checked above sets it). */
    private static String jarVersion(Class<?> type) {
        try {
            Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (JarFile file = new JarFile(jar.toFile())) {
                String version = file.getManifest().getMainAttributes().getValue(new Attributes.Name("Bundle-Version"));
                assertThat(version).as("Bundle-Version in the manifest of %s", jar).isNotBlank();
                return version;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
