package dev.meshtest.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A place in a source: 1-based line and column, as editors show them.
 *
 * <pre>{@code
 * new Position(12, 7).toString(); // "12:7"
 * }</pre>
 *
 * @param line 1-based line
 * @param column 1-based column
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Position(int line, int column) {
    /** {@return {@code line:column}, as compilers print positions} */
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
