package dev.meshtest.analysis;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How serious an analysis message is, in {@code istioctl analyze}'s words and order: errors first.
 *
 * <pre>{@code
 * mesh.analyze().messages().get(0).level();   // ERROR, printed "Error"
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Level {
    /** Something that breaks traffic or config, printed {@code Error}. */
    ERROR("Error"),
    /** Something that is probably a mistake, printed {@code Warning}. */
    WARNING("Warning"),
    /** Something worth knowing, printed {@code Info}. */
    INFO("Info");

    private final String printed;

    Level(String printed) {
        this.printed = printed;
    }

    /** {@return the word istioctl prints: {@code Error}, {@code Warning}, {@code Info}} */
    public String printed() {
        return printed;
    }

    /**
     * @param other another level
     * @return whether this level is as serious as {@code other} or more
     */
    public boolean isAtLeast(Level other) {
        return ordinal() <= other.ordinal();
    }
}
