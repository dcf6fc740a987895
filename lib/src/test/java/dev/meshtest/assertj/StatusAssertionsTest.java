package dev.meshtest.assertj;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static dev.meshtest.assertj.Results.ABORT_418;
import static dev.meshtest.assertj.Results.NO_ROUTE;
import static dev.meshtest.assertj.Results.V1;
import static dev.meshtest.assertj.Results.V2;
import static dev.meshtest.assertj.Results.of;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The share of a status, bodies that contain or match, and every request with one status: passing, and failing with the exact message. */
class StatusAssertionsTest {

    /** 100 x the fault's 418, 900 x v1: a 10% abort. */
    private static final TrafficResult ABORTED = of(100, ABORT_418, 900, V1);
    private static final String ABORTED_SUMMARY = """
            Traffic (seed 42): 1000 x GET http://helloworld:5000/hello from default/nginx
              helloworld-v1  200  -   900  90.0%
              -              418  FI  100  10.0%""";

    private static void fails(ThrowingCallable call, String lines, String summary) {
        assertThatThrownBy(call).isInstanceOf(AssertionError.class).hasMessage("\n" + lines + summary);
    }

    @Test
    @DisplayName("hasStatus(s).withShare(p): the 99.9% Wilson interval of the observed share, or an explicit tolerance")
    void statusShare() {
        assertThat(ABORTED).hasStatus(418).withShare(0.1).withFlag(ResponseFlag.FAULT_INJECTED);
        assertThat(ABORTED).hasStatus(418).withShare(0.12, within(0.02));
        assertThat(ABORTED).hasStatus(200).withShare(0.88);
        fails(() -> assertThat(ABORTED).hasStatus(418).withShare(0.2), """
                Expecting status 418 in a share of 0.2 of the requests
                but it came in 0.100 (100 of 1000 requests),
                and 0.2 lies outside [0.073, 0.136], the 99.9% Wilson score interval of the observed share.
                """, ABORTED_SUMMARY);
        fails(() -> assertThat(ABORTED).hasStatus(418).withShare(0.13, within(0.02)), """
                Expecting status 418 in a share of 0.13 ± 0.02 of the requests
                but it came in 0.100 (100 of 1000 requests), outside [0.11, 0.15].
                """, ABORTED_SUMMARY);
    }

    @Test
    @DisplayName("withBodyContaining, withBodyMatching: every response with the status")
    void bodies() {
        TrafficResult both = of(3, V1, 1, V2);
        assertThat(both).hasStatus(200).withBodyContaining("Hello version: v").withBodyMatching("Hello version: v[12], instance: .*\n");
        fails(() -> assertThat(both).hasStatus(200).withBodyContaining("version: v1"), """
                Expecting the 4 responses with status 200 to have a body containing "version: v1"
                but 1 of 4 did not: 1 x "Hello version: v2, instance: helloworld-v2-7f8b9c6d5-q4w7z\\n".
                """, """
                Traffic (seed 42): 4 x GET http://helloworld:5000/hello from default/nginx
                  helloworld-v1  200  -  3  75.0%
                  helloworld-v2  200  -  1  25.0%""");
        fails(() -> assertThat(both).hasStatus(200).withBodyMatching("Hello version: v1.*"), """
                Expecting the 4 responses with status 200 to have a body matching "Hello version: v1.*"
                but 1 of 4 did not: 1 x "Hello version: v2, instance: helloworld-v2-7f8b9c6d5-q4w7z\\n".
                """, """
                Traffic (seed 42): 4 x GET http://helloworld:5000/hello from default/nginx
                  helloworld-v1  200  -  3  75.0%
                  helloworld-v2  200  -  1  25.0%""");
    }

    @Test
    @DisplayName("allHaveStatus(s): every request, then the usual checks on them")
    void allHaveStatus() {
        TrafficResult unrouted = of(5, NO_ROUTE);
        assertThat(unrouted).allHaveStatus(404).withFlag(ResponseFlag.NO_ROUTE_FOUND).withShare(1.0);
        fails(() -> assertThat(of(3, NO_ROUTE, 1, V1)).allHaveStatus(404), """
                Expecting every response to have status 404
                but 1 of 4 did not: 1 x 200.
                """, """
                Traffic (seed 42): 4 x GET http://helloworld:5000/hello from default/nginx
                  -              404  NR  3  75.0%
                  helloworld-v1  200  -   1  25.0%""");
    }
}
