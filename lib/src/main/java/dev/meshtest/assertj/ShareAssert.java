package dev.meshtest.assertj;

import static dev.meshtest.assertj.Messages.num;
import static dev.meshtest.assertj.Messages.percent;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.data.Offset;

/**
 * Assertions on how many requests one destination received: what
 * {@link TrafficResultAssert#reached(Destination)} leads to.
 *
 * <pre>{@code
 * assertThat(result).reached("helloworld-v1").withShare(0.2);                  // 99.9% Wilson score interval
 * assertThat(result).reached("helloworld-v1").within(0.02).withShare(0.2);     // |observed - 0.2| <= 0.02
 * assertThat(result).reached("helloworld-v1").withShare(0.2, within(0.02));    // the same, AssertJ style
 * assertThat(result).reached(version("v2")).atLeast(700).atMost(900);
 * }</pre>
 *
 * <p>{@link #withShare(double)} derives its tolerance from the sample size: it passes when the
 * expected share lies in the 99.9% Wilson score interval of the observed share, so a correct claim
 * fails for about one seed in a thousand, and a wrong one is caught once there are enough requests
 * to tell (a claim of 20% when the truth is 30% is caught at n = 1,000 for practically every seed).
 *
 * <p>Not final: soft assertions subclass it (AssertJ's proxies) to collect its failures.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class ShareAssert extends AbstractAssert<ShareAssert, Share> {

    private Double tolerance;
    private boolean shareChecked;

    /**
     * Prefer {@code assertThat(result).reached(destination)}.
     *
     * @param actual the counted share
     */
    public ShareAssert(Share actual) {
        super(actual, ShareAssert.class);
    }

    /**
     * Uses an explicit tolerance instead of the confidence interval for the {@code withShare} calls
     * that follow: they pass when {@code |observed - expected| <= tolerance}.
     *
     * <pre>{@code assertThat(result).reached("helloworld-v1").within(0.02).withShare(0.2);}</pre>
     *
     * @param tolerance the absolute tolerance, in 0..1
     * @return this assertion, for chaining
     * @throws IllegalStateException after {@code withShare}: the check has already been made
     */
    public ShareAssert within(double tolerance) {
        ShareCheck.requireTolerance(tolerance);
        if (shareChecked) {
            throw new IllegalStateException("within(" + num(tolerance) + ") must come before withShare(..), which has already "
                    + "checked the share; write reached(..).within(" + num(tolerance) + ").withShare(p) or withShare(p, within("
                    + num(tolerance) + "))");
        }
        this.tolerance = tolerance;
        return myself;
    }

    /**
     * The destination received about share {@code expected} of the requests: {@code expected} lies in
     * the 99.9% Wilson score interval of the observed share (or within the tolerance given by
     * {@link #within(double)}).
     *
     * <pre>{@code assertThat(result).reached("helloworld-v1").withShare(0.2);}</pre>
     *
     * @param expected the expected share, in 0..1
     * @return this assertion, for chaining
     */
    public ShareAssert withShare(double expected) {
        checkShare(expected);
        if (tolerance != null) {
            return withinTolerance(expected, tolerance, false);
        }
        String expecting = "Expecting " + actual.destination() + " to receive a share of " + num(expected) + " of the requests";
        requireRequests(expecting);
        String why = ShareCheck.wilson(actual.count(), actual.total(), expected);
        if (why != null) {
            fail(expecting + "\nbut it received " + why);
        }
        return myself;
    }

    /**
     * The destination received share {@code expected} of the requests, give or take {@code offset}.
     *
     * <pre>{@code assertThat(result).reached("helloworld-v1").withShare(0.2, within(0.02));}</pre>
     *
     * @param expected the expected share, in 0..1
     * @param offset the absolute tolerance
     * @return this assertion, for chaining
     */
    public ShareAssert withShare(double expected, Offset<Double> offset) {
        checkShare(expected);
        return withinTolerance(expected, offset.value, offset.strict);
    }

    private ShareAssert withinTolerance(double expected, double tol, boolean strict) {
        String expecting = "Expecting " + actual.destination() + " to receive a share of " + num(expected)
                + ShareCheck.tolerance(tol, strict) + " of the requests";
        requireRequests(expecting);
        String why = ShareCheck.within(actual.count(), actual.total(), expected, tol, strict);
        if (why != null) {
            fail(expecting + "\nbut it received " + why);
        }
        return myself;
    }

    /**
     * At least {@code count} requests reached the destination.
     *
     * <pre>{@code assertThat(result).reached("helloworld-v2").atLeast(700);}</pre>
     *
     * @param count the fewest requests expected
     * @return this assertion, for chaining
     */
    public ShareAssert atLeast(long count) {
        return counted("at least " + count, actual == null || actual.count() >= count);
    }

    /**
     * At most {@code count} requests reached the destination.
     *
     * <pre>{@code assertThat(result).reached("helloworld-v1").atMost(300);}</pre>
     *
     * @param count the most requests expected
     * @return this assertion, for chaining
     */
    public ShareAssert atMost(long count) {
        return counted("at most " + count, actual == null || actual.count() <= count);
    }

    /**
     * Exactly {@code count} requests reached the destination.
     *
     * <pre>{@code assertThat(result).reached("helloworld-v1").exactly(174);}</pre>
     *
     * @param count the exact number of requests expected
     * @return this assertion, for chaining
     */
    public ShareAssert exactly(long count) {
        return counted("exactly " + count, actual == null || actual.count() == count);
    }

    private ShareAssert counted(String howMany, boolean ok) {
        String expecting = "Expecting " + howMany + " requests to reach " + (actual == null ? "" : actual.destination());
        requireRequests(expecting);
        if (!ok) {
            fail(expecting + "\nbut " + actual.count() + " of " + actual.total() + " (" + percent(actual.count(), actual.total())
                    + ") did.");
        }
        return myself;
    }

    private void checkShare(double expected) {
        shareChecked = true;
        ShareCheck.requireShare(expected);
    }

    private void requireRequests(String expecting) {
        isNotNull();
        if (actual.total() == 0) {
            fail(expecting + "\nbut the result holds no requests.");
        }
    }

    private void fail(String message) {
        throw failure(Messages.failureText(message, actual.result()));
    }
}
