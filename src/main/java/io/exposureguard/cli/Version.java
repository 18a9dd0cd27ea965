package io.exposureguard.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version this build was made from (the project version, written into the jar at build time). */
public final class Version implements CommandLine.IVersionProvider {

    /** "0.1.0-SNAPSHOT"; "unknown" for a build that lost its version file. */
    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"exposure-guard " + current()};
    }
}
