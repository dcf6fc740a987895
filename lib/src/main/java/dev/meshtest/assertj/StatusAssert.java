package dev.meshtest.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.ResponseFlag;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the responses that carried one status: what {@link TrafficResultAssert#hasStatus(int)}
 * leads to.
 *
 * <pre>{@code
 * assertThat(burst).hasStatus(503).withFlag(UPSTREAM_OVERFLOW).withBody(TrafficResultAssert.OVERFLOW_BODY);
 * assertThat(unrouted).hasStatus(404).withFlag(NO_ROUTE_FOUND);
 * }</pre>
 *
 * <p>Not final: soft assertions subclass it (AssertJ's proxies) to collect its failures.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class StatusAssert extends AbstractAssert<StatusAssert, Responses> {

    /**
     * Prefer {@code assertThat(result).hasStatus(status)}.
     *
     * @param actual the responses with one status
     */
    public StatusAssert(Responses actual) {
        super(actual, StatusAssert.class);
    }

    /**
     * Every response with this status carried Envoy response flag {@code flag} (alone or among
     * others, as in {@code UO,URX}).
     *
     * <pre>{@code assertThat(burst).hasStatus(503).withFlag(ResponseFlag.UPSTREAM_OVERFLOW);}</pre>
     *
     * @param flag the flag; {@link ResponseFlag#of(String)} turns Envoy's code ({@code "UO"}) into one
     * @return this assertion
     */
    public StatusAssert withFlag(ResponseFlag flag) {
        Objects.requireNonNull(flag, "flag");
        return all("carry flag " + flag.code(), o -> o.has(flag), Outcome::flagsText);
    }

    /**
     * No response with this status carried an Envoy response flag: the app's own answer, passed on
     * as it was (Envoy prints {@code -}).
     *
     * <pre>{@code assertThat(result).hasStatus(503).withoutFlags();   // the app's 503, not retried}</pre>
     *
     * @return this assertion
     */
    public StatusAssert withoutFlags() {
        return all("carry no flag", o -> o.flags().isEmpty(), Outcome::flagsText);
    }

    /**
     * Every response with this status had exactly this body.
     *
     * <pre>{@code assertThat(result).hasStatus(503).withBody("no healthy upstream");}</pre>
     *
     * @param body the exact body
     * @return this assertion
     */
    public StatusAssert withBody(String body) {
        Objects.requireNonNull(body, "body");
        return all("have body " + Messages.quote(body), o -> o.body().equals(body), o -> Messages.quote(o.body()));
    }

    private StatusAssert all(String what, Predicate<Outcome> ok, Function<Outcome, String> shown) {
        isNotNull();
        String expecting = "Expecting " + (actual.count() == 0 ? "" : "the " + actual.count() + " ") + "responses with status "
                + actual.status() + " to " + what;
        if (actual.count() == 0) {
            fail(expecting + "\nbut there were none among " + actual.result().size() + " requests.");
        }
        Counted others = Counted.of(actual.outcomeCounts()).where(ok.negate());
        if (!others.isEmpty()) {
            fail(expecting + "\nbut " + others.size() + " of " + actual.count() + " did not: " + Messages.breakdown(others, shown) + ".");
        }
        return myself;
    }

    private void fail(String message) {
        throw failure(Messages.failureText(message, actual.result()));
    }
}
