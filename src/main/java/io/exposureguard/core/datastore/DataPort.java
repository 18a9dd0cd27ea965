package io.exposureguard.core.datastore;

/**
 * A port a datastore serves its protocol on: container port number, optional port name (what named
 * {@code targetPort}s refer to) and the host port it is published on, 0 when none.
 */
public record DataPort(int number, String name, int hostPort) {

    public static DataPort of(int number, String name) {
        return new DataPort(number, name, 0);
    }

    public String display() {
        return name == null || name.isEmpty() ? String.valueOf(number) : number + " (" + name + ")";
    }
}
