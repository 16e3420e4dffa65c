package dev.marquee.infra;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTest {
    @Test
    void freePortsAreNeverHandedOutTwice() {
        assertThat(IntStream.range(0, 300).map(i -> Ports.free()).boxed().toList()).doesNotHaveDuplicates();
    }
}
