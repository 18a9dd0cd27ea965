package io.exposureguard.app.admission;

/** Objects the admission tests build paths from. */
final class AdmissionFixtures {

    private AdmissionFixtures() {
    }

    /**
     * An Elasticsearch 7 workload ({@code kind}: StatefulSet or Deployment) named es, labelled app: es, with security
     * off by default (7.x without xpack.security.enabled) and its HTTP port named http.
     */
    static String openElasticsearch(String kind, String namespace) {
        return """
                apiVersion: apps/v1
                kind: %s
                metadata: {name: es, namespace: %s}
                spec:
                %s  selector: {matchLabels: {app: es}}
                  template:
                    metadata: {labels: {app: es}}
                    spec:
                      containers:
                        - name: elasticsearch
                          image: docker.elastic.co/elasticsearch/elasticsearch:7.17.22
                          ports: [{name: http, containerPort: 9200}]
                """.formatted(kind, namespace, "StatefulSet".equals(kind) ? "  serviceName: es\n" : "");
    }
}
