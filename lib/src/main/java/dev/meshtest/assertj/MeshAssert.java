package dev.meshtest.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.meshtest.Mesh;
import dev.meshtest.analysis.Analysis;
import dev.meshtest.analysis.AnalysisMessage;
import dev.meshtest.analysis.Level;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a mesh's configuration as {@code istioctl analyze} sees it ({@link Mesh#analyze()}).
 * Get one from {@link MeshAssertions#assertThat(Mesh)}.
 *
 * <pre>{@code
 * assertThat(mesh).hasNoAnalyzerErrors();
 * assertThat(mesh).hasAnalyzerMessage("IST0101");   // the typo in the destination host is caught
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class MeshAssert extends AbstractAssert<MeshAssert, Mesh> {

    /**
     * Prefer {@link MeshAssertions#assertThat(Mesh)}.
     *
     * @param actual the mesh to check
     */
    public MeshAssert(Mesh actual) {
        super(actual, MeshAssert.class);
    }

    /**
     * The analysis has no message at level Error.
     *
     * @return this assertion
     */
    public MeshAssert hasNoAnalyzerErrors() {
        isNotNull();
        List<AnalysisMessage> errors = actual.analyze().atLeast(Level.ERROR);
        if (!errors.isEmpty()) {
            failWithMessage("%s", "\nExpecting istioctl analyze to report no errors\nbut it reported " + errors.size() + ":"
                    + lines(errors));
        }
        return myself;
    }

    /**
     * The analysis has a message with this code.
     *
     * @param code Istio's code, {@code IST0101}
     * @return this assertion
     */
    public MeshAssert hasAnalyzerMessage(String code) {
        isNotNull();
        Objects.requireNonNull(code, "code");
        Analysis analysis = actual.analyze();
        if (analysis.messages().stream().noneMatch(m -> m.code().equals(code))) {
            failWithMessage("%s", "\nExpecting istioctl analyze to report " + code + "\nbut it reported "
                    + (analysis.messages().isEmpty() ? "nothing." : analysis.messages().size() + " other messages:"
                    + lines(analysis.messages())));
        }
        return myself;
    }

    private static String lines(List<AnalysisMessage> messages) {
        StringBuilder sb = new StringBuilder();
        messages.forEach(m -> sb.append("\n  ").append(m));
        return sb.toString();
    }
}
