package dev.meshtest.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.traffic.RouteCoverage;
import java.util.Locale;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a mesh's route coverage ({@code mesh.routeCoverage()}): how many of its
 * VirtualService rules, match blocks and weighted destinations the test's requests exercised.
 *
 * <pre>{@code
 * assertThat(mesh.routeCoverage()).isAtLeast(0.9);
 * assertThat(mesh.routeCoverage()).isComplete();
 * }</pre>
 *
 * <p>Not final: soft assertions subclass it (AssertJ's proxies) to collect its failures.
 */
@API(status = EXPERIMENTAL, since = "0.6")
public class RouteCoverageAssert extends AbstractAssert<RouteCoverageAssert, RouteCoverage> {

    /**
     * Prefer {@code assertThat(mesh.routeCoverage())}.
     *
     * @param actual the coverage
     */
    public RouteCoverageAssert(RouteCoverage actual) {
        super(actual, RouteCoverageAssert.class);
    }

    /**
     * At least share {@code minimum} of the items were exercised; the failure names those that were not.
     *
     * <pre>{@code assertThat(mesh.routeCoverage()).isAtLeast(0.9);}</pre>
     *
     * @param minimum the least share, in 0..1
     * @return this assertion
     */
    public RouteCoverageAssert isAtLeast(double minimum) {
        ShareCheck.requireShare(minimum);
        isNotNull();
        if (actual.ratio() < minimum) {
            failWithMessage("%s", String.format(Locale.ROOT, "%nExpecting route coverage of at least %s%nbut it is %.1f%%: "
                    + "no request exercised%n%s%s", Messages.num(minimum), actual.ratio() * 100, missed(), actual));
        }
        return myself;
    }

    /**
     * Every item was exercised.
     *
     * <pre>{@code assertThat(mesh.routeCoverage()).isComplete();}</pre>
     *
     * @return this assertion
     */
    public RouteCoverageAssert isComplete() {
        return isAtLeast(1.0);
    }

    private String missed() {
        StringBuilder sb = new StringBuilder();
        for (RouteCoverage.Item i : actual.missed()) {
            sb.append("  ").append(i).append(String.format(Locale.ROOT, "%n"));
        }
        return sb.toString();
    }
}
