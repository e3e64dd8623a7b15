package com.orderrouter.failure;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.IntStream;

import com.orderrouter.config.RouteTunables;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The visibility backoff with the production settings from routes/orders.properties (not copies of its numbers):
 * README promises {@code min(300, 30 × 2^(receiveCount−1))} seconds.
 */
class VisibilityBackoffTest {

    @Test
    void productionBackoffDoublesFrom30SecondsAndStopsAt300() throws IOException {
        Properties production = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("routes", RouteTunables.FILE_NAME))) {
            production.load(in);
        }
        int base = Integer.parseInt(production.getProperty("orders.backoff.base-seconds"));
        int max = Integer.parseInt(production.getProperty("orders.backoff.max-seconds"));

        assertThat(IntStream.rangeClosed(1, 8).map(receiveCount -> VisibilityBackoff.backoffSeconds(receiveCount, base,
                max)).toArray()).containsExactly(30, 60, 120, 240, 300, 300, 300, 300);
        // a missing receive count counts as the first; a huge one neither overflows nor exceeds the cap
        assertThat(VisibilityBackoff.backoffSeconds(0, base, max)).isEqualTo(30);
        assertThat(VisibilityBackoff.backoffSeconds(Integer.MAX_VALUE, base, max)).isEqualTo(300);
    }
}
