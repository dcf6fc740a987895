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
 * assertThat(faulted).hasStatus(503).withShare(0.1).withBodyContaining("fault filter abort");
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

    /**
     * Every response with this status had a body containing {@code text}.
     *
     * <pre>{@code assertThat(result).hasStatus(200).withBodyContaining("version: v2");}</pre>
     *
     * @param text the text the body contains
     * @return this assertion
     */
    public StatusAssert withBodyContaining(String text) {
        Objects.requireNonNull(text, "text");
        return all("have a body containing " + Messages.quote(text), o -> o.body().contains(text), o -> Messages.quote(o.body()));
    }

    /**
     * Every response with this status had a body that the regular expression {@code regex}
     * ({@link java.util.regex.Pattern}) matches as a whole.
     *
     * <pre>{@code assertThat(result).hasStatus(200).withBodyMatching("Hello version: v[12], instance: .*\\n");}</pre>
     *
     * @param regex a Java regular expression
     * @return this assertion
     * @throws java.util.regex.PatternSyntaxException when {@code regex} is not one
     */
    public StatusAssert withBodyMatching(String regex) {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(Objects.requireNonNull(regex, "regex"),
                java.util.regex.Pattern.DOTALL);
        return all("have a body matching " + Messages.quote(regex), o -> pattern.matcher(o.body()).matches(),
                o -> Messages.quote(o.body()));
    }

    /**
     * About share {@code expected} of all the result's requests got this status: {@code expected}
     * lies in the 99.9% Wilson score interval of the observed share, as for
     * {@link ShareAssert#withShare(double)}.
     *
     * <pre>{@code assertThat(result).hasStatus(503).withShare(0.1);   // a 10% abort fault}</pre>
     *
     * @param expected the expected share, in 0..1
     * @return this assertion
     */
    public StatusAssert withShare(double expected) {
        ShareCheck.requireShare(expected);
        isNotNull();
        String why = ShareCheck.wilson(actual.count(), actual.result().size(), expected);
        if (why != null) {
            fail("Expecting status " + actual.status() + " in a share of " + Messages.num(expected) + " of the requests\nbut it "
                    + "came in " + why);
        }
        return myself;
    }

    /**
     * Share {@code expected} of all the result's requests got this status, give or take {@code offset}.
     *
     * <pre>{@code assertThat(result).hasStatus(503).withShare(0.1, within(0.02));}</pre>
     *
     * @param expected the expected share, in 0..1
     * @param offset the absolute tolerance
     * @return this assertion
     */
    public StatusAssert withShare(double expected, org.assertj.core.data.Offset<Double> offset) {
        ShareCheck.requireShare(expected);
        ShareCheck.requireTolerance(offset.value);
        isNotNull();
        String why = ShareCheck.within(actual.count(), actual.result().size(), expected, offset.value, offset.strict);
        if (why != null) {
            fail("Expecting status " + actual.status() + " in a share of " + Messages.num(expected)
                    + ShareCheck.tolerance(offset.value, offset.strict) + " of the requests\nbut it came in " + why);
        }
        return myself;
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
