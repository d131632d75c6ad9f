package io.urlcheck.systemtests.hostile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The packaged worker, given its address ranges from the environment as deploy/ gives them, refuses a range spelled
 * the way a resolver reads a host: as a host, {@code 10.96} is 10.0.0.96, so {@code 10.96/12} was read as
 * 10.0.0.0/12, and a deny rule meant to keep checks out of a cluster's service range left that range open.
 * It stops at start-up, naming the setting, instead of guarding another range than it names.
 */
class AddressRangeSettingIT {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "urlcheck.worker.deny-cidrs  | 10.96/12    | urlcheck.worker.deny-cidrs 10.96/12: an IPv4 address has four parts, such as 10.0.0.0",
            "URLCHECK_WORKER_ALLOW_CIDRS | 010.0.0.0/8 | urlcheck.worker.allow-cidrs 010.0.0.0/8: 010 is not an IPv4 address part (0 to 255)",
    })
    void theWorkerRefusesToStartOnARangeThatWouldCoverAnotherThanItNames(String variable, String value, String message) {
        assertThatThrownBy(() -> PackagedService.start("worker-service", Map.of(variable, value)).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("worker-service exited with 1")
                .hasMessageContaining(message);
    }
}
