package io.exposureguard.core.datastore;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which addresses an nginx stream block forwards to, and through which listen ports. Columns: config | listenPort>address ... */
class NginxStreamConfigTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'stream { server { listen 6379; proxy_pass cache:6379; } }'                                   | 6379>cache:6379
            'stream { server { listen 10.0.0.1:6379; listen [::]:6380; proxy_pass cache:6379; } }'        | 6379>cache:6379 6380>cache:6379
            'stream { server { listen 53 udp; proxy_pass dns:53; } }'                                     | 53>dns:53
            'stream { upstream u { server a:1 weight=5; server b:2; } server { listen 9; proxy_pass u; } }' | 9>a:1 9>b:2
            'stream { server { proxy_pass cache:6379; } }'                                                | 0>cache:6379
            'stream { server { listen 6379; # proxy_pass old:1;\n proxy_pass new:2; } }'                 | 6379>new:2
            'http { server { listen 80; location / { proxy_pass http://web:80; } } }'                     | ''
            'stream { server { listen 6379; } }'                                                          | ''
            """)
    void forwardsEachStreamServerToItsProxyPass(String config, String expected) {
        String text = config.replace("\\\\n", "\\n");
        String actual = String.join(" ", NginxStreamConfig.parse(text).upstreams().stream()
                .map(u -> u.listenPort() + ">" + u.address()).toList());

        assertThat(actual).isEqualTo(expected == null ? "" : expected);
    }
}
