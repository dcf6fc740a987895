package dev.meshtest.app;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One of Istio's sample apps whose routes meshtest knows: which paths and methods it answers, how
 * (the framework's own 404, 405, redirects), and which services each route calls. Pods running the
 * sample's image default to it (docs/resilience.md, "Bookinfo"); {@link App#sample(Sample)} gives it to any workload.
 *
 * <pre>{@code
 * mesh.withApp("reviews-v1", App.sample(Sample.BOOKINFO_REVIEWS_V3));   // reviews-v1 calls ratings as v3 does
 * App.sample(Sample.BOOKINFO_PRODUCTPAGE).sample();                     // Optional[BOOKINFO_PRODUCTPAGE]
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.7")
public enum Sample {
    /**
     * {@code samples/helloworld/src/app.py} (Flask): {@code /hello} (its main route) and {@code /health}.
     */
    HELLOWORLD("/hello"),
    /**
     * Bookinfo's {@code productpage.py} (Flask): {@code /productpage} (its main route: details, then reviews),
     * {@code /}, {@code /index.html}, {@code /health}, {@code POST /login}, {@code /logout}, {@code /metrics},
     * {@code /api/v1/products[/<id>[/reviews|/ratings]]} and its static files.
     */
    BOOKINFO_PRODUCTPAGE("/productpage"),
    /** Bookinfo's {@code details.rb} (WEBrick): {@code /details/<id>} (its main route) and {@code /health}. */
    BOOKINFO_DETAILS("/details/<id>"),
    /**
     * Bookinfo's reviews (JAX-RS on Open Liberty) without ratings ({@code ENABLE_RATINGS=false}, the v1 image):
     * {@code GET /reviews/<id>} (its main route, no calls) and {@code GET /health}.
     */
    BOOKINFO_REVIEWS_V1("/reviews/<id>"),
    /**
     * Bookinfo's reviews with black stars (the v2 image): {@code GET /reviews/<id>} calls ratings with a 10 s timeout.
     */
    BOOKINFO_REVIEWS_V2("/reviews/<id>"),
    /**
     * Bookinfo's reviews with stars of another color (the v3 image: red): {@code GET /reviews/<id>} calls ratings
     * with a 2.5 s timeout.
     */
    BOOKINFO_REVIEWS_V3("/reviews/<id>"),
    /**
     * Bookinfo's {@code ratings.js} (Node.js, httpdispatcher 1.0.0) with ratings in memory (the v1 image):
     * {@code GET /ratings/<id>} (its main route), {@code POST /ratings/<id>} and {@code GET /health}.
     */
    BOOKINFO_RATINGS("/ratings/<id>");

    private final String mainRoute;

    Sample(String mainRoute) {
        this.mainRoute = mainRoute;
    }

    /**
     * {@return the route an {@link App}'s status, failures, body, service time and calls apply to:
     * {@code /productpage}, {@code /reviews/<id>}, ...}
     */
    public String mainRoute() {
        return mainRoute;
    }
}
