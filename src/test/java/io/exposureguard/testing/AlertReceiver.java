package io.exposureguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A team's Alertmanager webhook on 127.0.0.1: keeps every payload posted to {@code /alerts}, in arrival order. */
public final class AlertReceiver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
    private final List<String> unreadable = new CopyOnWriteArrayList<>();

    private AlertReceiver(HttpServer server) {
        this.server = server;
    }

    public static AlertReceiver start() throws IOException {
        AlertReceiver receiver = new AlertReceiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        receiver.server.createContext("/alerts", receiver::receive);
        receiver.server.start();
        return receiver;
    }

    /** The URL to put in Alertmanager's webhook_configs. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
    }

    /** Every payload received (each with its receiver and alerts). */
    public List<JsonNode> notifications() {
        return notifications;
    }

    /** Bodies that were not JSON. */
    public List<String> unreadable() {
        return unreadable;
    }

    /** The alerts received with this status, alert name and namespace label. */
    public List<JsonNode> alerts(String status, String alertname, String namespace) {
        List<JsonNode> alerts = new ArrayList<>();
        notifications.forEach(n -> n.path("alerts").forEach(a -> {
            if (a.path("status").asText().equals(status) && a.path("labels").path("alertname").asText().equals(alertname)
                    && a.path("labels").path("namespace").asText().equals(namespace)) {
                alerts.add(a);
            }
        }));
        return alerts;
    }

    public static Map<String, String> labels(JsonNode alert) {
        Map<String, String> labels = new LinkedHashMap<>();
        alert.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** What it got, for a failure message. */
    public String describe() {
        StringBuilder out = new StringBuilder("== the team's receiver got ").append(notifications.size()).append(" notification(s)\n");
        notifications.forEach(n -> out.append(n).append('\n'));
        unreadable.forEach(u -> out.append("unreadable: ").append(u).append('\n'));
        return out.toString();
    }

    public void stop() {
        server.stop(0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            try {
                notifications.add(JSON.readTree(body));
            } catch (IOException e) {
                unreadable.add(new String(body, StandardCharsets.UTF_8));
            }
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }
}
