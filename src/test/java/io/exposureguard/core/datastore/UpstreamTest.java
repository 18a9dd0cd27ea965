package io.exposureguard.core.datastore;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How an upstream setting's text becomes addresses: URLs, lists, host and port, and text that names none. */
class UpstreamTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://es:9200                                     | es:9200
            https://user:pw@es.logs.svc.cluster.local:9243/x  | es.logs.svc.cluster.local:9243
            '["http://a:9200", "http://b:9200"]'               | a:9200 b:9200
            'http://a:9200,http://b:9200'                      | a:9200 b:9200
            ES-Master                                          | es-master
            http://es:99999                                    | ''
            '::::'                                             | ''
            """)
    void addressesInASettingsValue(String value, String expected) {
        List<String> addresses = Upstream.parse(value, "env X").stream().map(Upstream::address).toList();
        assertThat(String.join(" ", addresses)).isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'elasticsearch.hosts: ["http://a:9200"]'                            | '["http://a:9200"]'
            'server.host: 0\\nelasticsearch.hosts:\\n  - http://a:9200\\n  - http://b:9200\\nx: 1' | ' http://a:9200 http://b:9200'
            'elasticsearch.url: http://a:9200  # comment'                       | http://a:9200
            'server.host: 0'                                                    |
            """)
    void kibanaYmlValues(String yaml, String expected) {
        assertThat(DashboardsModule.configValue(yaml.replace("\\n", "\n"), yaml.contains("url") ? "elasticsearch.url" : "elasticsearch.hosts"))
                .isEqualTo(expected);
    }
}
