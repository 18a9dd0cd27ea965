package io.exposureguard.core.inventory;

/**
 * One Service port. The target is {@code targetNumber} when numeric, {@code targetName} when it names a
 * container port; when the Service gives no targetPort, the target is the port number itself.
 */
public record ServicePortView(String name, int port, Integer targetNumber, String targetName, int nodePort) {

    public String display() {
        return name == null || name.isEmpty() ? String.valueOf(port) : port + " (" + name + ")";
    }
}
