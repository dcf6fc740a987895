package dev.meshtest.traffic;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One redirect a client followed ({@code send(...).followRedirects()}, like {@code curl -L}):
 * the status of the answer that redirected it and the URL it went on to.
 *
 * <pre>{@code
 * Outcome o = mesh.send(1).from("nginx").followRedirects().to("helloworld:5000/old").outcomes().get(0);
 * o.redirects();   // [301 http://helloworld:5000/new]: the request that answered went to /new
 * }</pre>
 *
 * @param status the redirect's status (301, 302, 303, 307 or 308)
 * @param location the URL followed, resolved against the one that redirected
 */
@API(status = EXPERIMENTAL, since = "0.3")
public record Redirect(int status, String location) {

    /**
     * Creates a redirect.
     *
     * @param status the redirect's status
     * @param location the URL followed
     */
    public Redirect {
        Objects.requireNonNull(location, "location");
    }

    @Override
    public String toString() {
        return status + " " + location;
    }
}
