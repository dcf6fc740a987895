package dev.meshtest.app;

import static dev.meshtest.Mesh.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshtest.Mesh;
import dev.meshtest.config.MeshConfigException;
import dev.meshtest.junit.Fixtures;
import dev.meshtest.traffic.Outcome;
import dev.meshtest.traffic.TrafficResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pods running Istio's Bookinfo images answer as the apps do on a cluster: their own routes, their
 * frameworks' 404s, and the calls each route makes. The manifest is the shape of Istio's own
 * {@code samples/bookinfo/platform/kube/bookinfo.yaml}, with no meshtest annotation.
 */
class BookinfoAppsTest {

    private static final String WERKZEUG_404 = "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
            + "<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and "
            + "try again.</p>\n";

    private static Mesh bookinfo() {
        return Fixtures.apply(mesh(), "sleep").apply("classpath:samples/istio-bookinfo.yaml");
    }

    /** bookinfo() with every request to reviews routed to {@code version}. */
    private static Mesh reviews(String version) {
        return bookinfo().withDestinationRule("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: reviews}
                spec:
                  host: reviews
                  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}, {name: v3, labels: {version: v3}}]
                """).withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http: [{route: [{destination: {host: reviews, subset: %s}}]}]
                """.formatted(version));
    }

    /** bookinfo() with reviews v1, every request to reviews aborted with {@code status}. */
    private static Mesh reviewsAborted(int status) {
        return reviews("v1").withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http: [{fault: {abort: {percentage: {value: 100}, httpStatus: %d}}, route: [{destination: {host: reviews}}]}]
                """.formatted(status));
    }

    private static Mesh ratingsFault(Mesh mesh, String fault) {
        return mesh.withVirtualService("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: ratings}
                spec:
                  hosts: [ratings]
                  http: [{fault: %s, route: [{destination: {host: ratings}}]}]
                """.formatted(fault));
    }

    private static Outcome one(Mesh mesh, String method, String url) {
        return mesh.send(1).from("sleep").method(method).to(url).outcomes().get(0);
    }

    /** The calls the apps made for one request, in order, as its explanation lists them. */
    private static List<String> calls(Mesh mesh, String method, String url) {
        return mesh.explain().from("sleep").method(method).to(url).steps().stream().filter(s -> s.matches("app of \\S+ calls http.*"))
                .map(s -> s.substring(s.indexOf(" calls ") + 7)).toList();
    }

    @Test
    void theProductPageCallsDetailsThenReviews() {
        Mesh mesh = reviews("v1");
        Outcome o = one(mesh, "GET", "http://productpage:9080/productpage");
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.workload()).hasValue("productpage-v1");
        assertThat(calls(mesh, "GET", "http://productpage:9080/productpage"))
                .containsExactly("http://details:9080/details/0", "http://reviews:9080/reviews/0");
    }

    @ParameterizedTest
    @CsvSource({"/", "/index.html", "/health", "/api/v1/products", "/metrics", "/static/img/izzy.png"})
    void productpagesOtherPagesCallNobody(String path) {
        Mesh mesh = bookinfo();
        assertThat(one(mesh, "GET", "http://productpage:9080" + path).status()).isEqualTo(200);
        assertThat(calls(mesh, "GET", "http://productpage:9080" + path)).isEmpty();
    }

    @Test
    void productpagesHealthSaysSo() {
        assertThat(one(bookinfo(), "GET", "http://productpage:9080/health").body()).isEqualTo("Product page is healthy");
    }

    @ParameterizedTest
    @CsvSource({"/anything", "/productpage/", "/api/v1/products/", "/api/v1/products/0/", "/static/none.css", "/Productpage"})
    void anyOtherProductpagePathIsWerkzeugsNotFound(String path) {
        Mesh mesh = bookinfo();
        Outcome o = one(mesh, "GET", "http://productpage:9080" + path);
        assertThat(o.status()).isEqualTo(404);
        assertThat(o.body()).isEqualTo(WERKZEUG_404);
        assertThat(calls(mesh, "GET", "http://productpage:9080" + path)).isEmpty();
    }

    @Test
    void theProductApiCallsOneServiceForTheProductInThePath() {
        Mesh mesh = reviews("v2");
        assertThat(calls(mesh, "GET", "http://productpage:9080/api/v1/products/7")).containsExactly("http://details:9080/details/7");
        assertThat(calls(mesh, "GET", "http://productpage:9080/api/v1/products/7/reviews"))
                .containsExactly("http://reviews:9080/reviews/7", "http://ratings:9080/ratings/7");
        assertThat(calls(mesh, "GET", "http://productpage:9080/api/v1/products/7/ratings"))
                .containsExactly("http://ratings:9080/ratings/7");
        assertThat(one(mesh, "GET", "http://productpage:9080/api/v1/products/7").status()).isEqualTo(200);
    }

    @Test
    void theProductApiAnswersAFailedCallsStatus() {
        // details answers 400 to a product id that is not a number; productpage passes the status on.
        assertThat(one(bookinfo(), "GET", "http://productpage:9080/api/v1/products/x").status()).isEqualTo(400);
        Mesh aborted = ratingsFault(bookinfo(), "{abort: {percentage: {value: 100}, httpStatus: 503}}");
        assertThat(one(aborted, "GET", "http://productpage:9080/api/v1/products/0/ratings").status()).isEqualTo(503);
        // A call with no answer (productpage's own 3 s timeout) is 500.
        Mesh delayed = ratingsFault(bookinfo(), "{delay: {percentage: {value: 100}, fixedDelay: 4s}}");
        TrafficResult r = delayed.send(1).from("sleep").to("http://productpage:9080/api/v1/products/0/ratings");
        assertThat(r.outcomes().get(0).status()).isEqualTo(500);
        assertThat(r.latencyOf(0)).isEqualTo(Duration.ofMillis(3_001));
    }

    @Test
    void theProductPageAnswers200WhenReviewsFailAfterTryingTwice() {
        Mesh mesh = reviewsAborted(500);
        assertThat(one(mesh, "GET", "http://productpage:9080/productpage").status()).isEqualTo(200);
        assertThat(mesh.explain().from("sleep").to("http://productpage:9080/productpage").steps())
                .anyMatch(s -> s.endsWith(" calls http://reviews:9080/reviews/0 (app retry 1)"));
    }

    @Test
    void onlyA200IsAnAnswerToBookinfosCode() {
        // An abort with 204: productpage's getProductReviews tests status_code == 200, so it asks reviews again.
        Mesh mesh = reviewsAborted(204);
        assertThat(one(mesh, "GET", "http://productpage:9080/productpage").status()).isEqualTo(200);
        assertThat(calls(mesh, "GET", "http://productpage:9080/productpage")).containsExactly("http://details:9080/details/0",
                "http://reviews:9080/reviews/0", "http://reviews:9080/reviews/0 (app retry 1)");
        // The product API answers the failed call's status, 204 as any other.
        assertThat(one(mesh, "GET", "http://productpage:9080/api/v1/products/0/reviews").status()).isEqualTo(204);
        // reviews v2's getRatings tests Status.OK: a 201 from ratings is ratings unavailable, still 200 from reviews.
        Mesh created = ratingsFault(reviews("v2"), "{abort: {percentage: {value: 100}, httpStatus: 201}}");
        assertThat(one(created, "GET", "http://productpage:9080/api/v1/products/0/ratings").status()).isEqualTo(201);
        assertThat(one(created, "GET", "http://reviews:9080/reviews/0").status()).isEqualTo(200);
    }

    @Test
    void reviewsV1NeverCallsRatings() {
        Mesh mesh = reviews("v1");
        assertThat(calls(mesh, "GET", "http://reviews:9080/reviews/0")).isEmpty();
        assertThat(calls(mesh, "GET", "http://productpage:9080/productpage")).doesNotContain("http://ratings:9080/ratings/0");
    }

    @Test
    void reviewsV2AndV3WaitForRatingsAsLongAsTheirStarColorSays() {
        // ratings takes 3 s: v2 (black stars, 10 s) waits for it, v3 (red stars, 2.5 s) gives up and still answers 200.
        String delay = "{delay: {percentage: {value: 100}, fixedDelay: 3s}}";
        TrafficResult v2 = ratingsFault(reviews("v2"), delay).send(1).from("sleep").to("http://reviews:9080/reviews/0");
        TrafficResult v3 = ratingsFault(reviews("v3"), delay).send(1).from("sleep").to("http://reviews:9080/reviews/0");
        assertThat(v2.outcomes().get(0).status()).isEqualTo(200);
        assertThat(v2.latencyOf(0)).isEqualTo(Duration.ofMillis(3_004));
        assertThat(v3.outcomes().get(0).status()).isEqualTo(200);
        assertThat(v3.latencyOf(0)).isEqualTo(Duration.ofMillis(2_502));
    }

    @Test
    void reviewsAnswersTheIdItWasAskedFor() {
        Mesh mesh = reviews("v3");
        assertThat(calls(mesh, "GET", "http://reviews:9080/reviews/007")).containsExactly("http://ratings:9080/ratings/7");
        assertThat(calls(mesh, "GET", "http://reviews:9080/reviews/5/")).containsExactly("http://ratings:9080/ratings/5");
    }

    @ParameterizedTest
    @CsvSource({"GET,/,404", "GET,/reviews,404", "GET,/reviews/x,404", "GET,/reviews/99999999999,404", "POST,/reviews/0,405",
        "DELETE,/health,405", "OPTIONS,/health,200"})
    void reviewsAnswersOtherRequestsAsJaxRsDoes(String method, String path, int status) {
        Outcome o = one(reviews("v2"), method, "http://reviews:9080" + path);
        assertThat(o.status()).isEqualTo(status);
        assertThat(o.body()).isEmpty();
    }

    @Test
    void everyHealthCheckAnswers() {
        Mesh mesh = reviews("v1");
        assertThat(one(mesh, "GET", "http://reviews:9080/health").body()).isEqualTo("{\"status\": \"Reviews is healthy\"}");
        assertThat(one(mesh, "GET", "http://details:9080/health").body()).isEqualTo("{\"status\":\"Details is healthy\"}");
        assertThat(one(mesh, "GET", "http://ratings:9080/health").body()).isEqualTo("{\"status\":\"Ratings is healthy\"}");
    }

    @Test
    void detailsMountsHealthAndDetailsOnly() {
        Mesh mesh = bookinfo();
        assertThat(one(mesh, "GET", "http://details:9080/details/0").status()).isEqualTo(200);
        assertThat(one(mesh, "PUT", "http://details:9080/details/0").status()).isEqualTo(200);
        Outcome bad = one(mesh, "GET", "http://details:9080/details/zero");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("{\"error\":\"please provide numeric product id\"}");
        Outcome options = one(mesh, "OPTIONS", "http://details:9080/details/0");
        assertThat(options.responseHeader("allow")).hasValue("GET,HEAD,OPTIONS,POST,PUT");
        assertThat(one(mesh, "DELETE", "http://details:9080/details/0").body())
                .contains("<TITLE>Method Not Allowed</TITLE>", "unsupported method `DELETE'.");
    }

    @Test
    void detailsAnswersAnUnmountedPathWithWebricksPage() {
        Outcome o = one(bookinfo(), "GET", "http://details:9080/products/0");
        assertThat(o.status()).isEqualTo(404);
        assertThat(o.body()).isEqualTo("""
                <!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0//EN">
                <HTML>
                  <HEAD><TITLE>Not Found</TITLE></HEAD>
                  <BODY>
                    <H1>Not Found</H1>
                    `/products/0' not found.
                    <HR>
                    <ADDRESS>
                     WEBrick/1.8.2 (Ruby/3.4.3/2025-04-14) at
                     details:9080
                    </ADDRESS>
                  </BODY>
                </HTML>
                """);
    }

    @ParameterizedTest
    @CsvSource({"GET,/ratings/0,200,''", "GET,/ratings/0?x=1,200,''", "GET,/ratings/abc,400,'{\"error\":\"please provide numeric product ID\"}'",
        "POST,/ratings/0,400,'{\"error\":\"please provide valid ratings JSON\"}'", "GET,/ratings,404,''", "POST,/health,404,''",
        "GET,/,404,''"})
    void ratingsAnswersAsHttpdispatcherDispatches(String method, String path, int status, String body) {
        Outcome o = one(bookinfo(), method, "http://ratings:9080" + path);
        assertThat(o.status()).isEqualTo(status);
        assertThat(o.body()).isEqualTo(body);
    }

    @Test
    void ratingsNeverAnswersAHeadRequestSoMeshtestRefusesIt() {
        assertThatThrownBy(() -> one(bookinfo(), "HEAD", "http://ratings:9080/ratings/0"))
                .hasMessageContaining("meshtest does not simulate HEAD /ratings/0 to Bookinfo's ratings");
    }

    @Test
    void loginRedirectsToTheReferer() {
        Outcome o = bookinfo().send(1).from("sleep").method("POST").header("referer", "http://productpage:9080/productpage")
                .to("http://productpage:9080/login").outcomes().get(0);
        assertThat(o.status()).isEqualTo(302);
        assertThat(o.responseHeader("location")).hasValue("http://productpage:9080/productpage");
        // Without a referer, redirect(None) writes str(None).
        assertThat(one(bookinfo(), "GET", "http://productpage:9080/logout").responseHeader("location")).hasValue("None");
        assertThat(one(bookinfo(), "GET", "http://productpage:9080/login").status()).isEqualTo(405);
        assertThat(one(bookinfo(), "GET", "http://productpage:9080/login").responseHeader("allow")).hasValue("OPTIONS, POST");
    }

    /** bookinfo() whose reviews VirtualService sends end-user jason to v2 and everyone else to v1 (Istio's request routing task). */
    private static Mesh jasonToV2() {
        return reviews("v1").apply("classpath:routing/virtual-service-reviews-test-v2.yaml");
    }

    /** Logs in as {@code user} with productpage's login(): the session cookie its answer sets, as a browser sends it back. */
    private static String login(Mesh mesh, String user) {
        Outcome o = mesh.send(1).from("sleep").method("POST").to("http://productpage:9080/login?username=" + user).outcomes().get(0);
        return o.responseHeader("set-cookie").orElseThrow().split(";")[0];
    }

    /** The reviews workload productpage's page reached. */
    private static String reviewsReached(TrafficResult r) {
        return r.edges().stream().filter(e -> e.connects("productpage-v1", "reviews"))
                .map(e -> String.join(",", e.requests().countByWorkload().keySet())).findFirst().orElse("none");
    }

    @Test
    void loggingInSetsTheSessionCookieProductpageSendsEndUserFrom() {
        Mesh mesh = jasonToV2();
        Outcome in = mesh.send(1).from("sleep").method("POST").to("http://productpage:9080/login?username=jason").outcomes().get(0);
        assertThat(in.status()).isEqualTo(302);
        // {"user":"jason"}, signed with productpage's key at the virtual time; HttpOnly, for the whole site, until the browser closes
        assertThat(in.responseHeader("set-cookie")).hasValueSatisfying(c -> assertThat(c)
                .startsWith("session=eyJ1c2VyIjoiamFzb24ifQ.").endsWith("; HttpOnly; Path=/"));
        String cookie = login(mesh, "jason");
        assertThat(reviewsReached(mesh.send(1).from("sleep").header("cookie", cookie).to("http://productpage:9080/productpage")))
                .isEqualTo("reviews-v2");
        assertThat(reviewsReached(mesh.send(1).from("sleep").header("cookie", login(mesh, "mary"))
                .to("http://productpage:9080/productpage"))).isEqualTo("reviews-v1");
        assertThat(reviewsReached(mesh.send(1).from("sleep").to("http://productpage:9080/productpage"))).isEqualTo("reviews-v1");
        // A cookie a real cluster set for jason in 2023 is signed with the same key (Flask does not read its age here).
        assertThat(reviewsReached(mesh.send(1).from("sleep").cookie("session", "eyJ1c2VyIjoiamFzb24ifQ.ZB6Yfg.ddx3Bk-jVDnAMpyNGsfuXDh3Oxs")
                .to("http://productpage:9080/productpage"))).isEqualTo("reviews-v2");
    }

    @Test
    void productpageDoesNotForwardTheRequestsOwnEndUserHeader() {
        Mesh mesh = jasonToV2();
        // getForwardHeaders takes end-user from the session only: on a cluster this request is anybody's.
        TrafficResult r = mesh.send(1).from("sleep").header("end-user", "jason").to("http://productpage:9080/productpage");
        assertThat(reviewsReached(r)).isEqualTo("reviews-v1");
        assertThat(r.explain(0).steps()).contains("app of " + r.outcomes().get(0).pod().orElseThrow() + ": no login session (no "
                + "session cookie signed with productpage's key), so it sends no end-user; the request's own end-user: jason is not "
                + "forwarded (getForwardHeaders takes end-user from the session)");
        // A forged session is no session; the cookie still goes on to reviews, which the route may match on.
        assertThat(reviewsReached(mesh.send(1).from("sleep").cookie("session", "eyJ1c2VyIjoiamFzb24ifQ.ZB6Yfg.forged")
                .to("http://productpage:9080/productpage"))).isEqualTo("reviews-v1");
    }

    @ParameterizedTest
    // a character past U+00FF (http.client encodes headers as Latin-1), a leading space, a line break
    @org.junit.jupiter.params.provider.ValueSource(strings = {"%E7%94%A8", "%20jason", "jas%0Aon"})
    void aSessionUserRequestsCannotSendFailsProductpagesCallsUnsent(String query) {
        Mesh mesh = bookinfo();
        String cookie = login(mesh, query);
        TrafficResult api = mesh.send(1).from("sleep").header("cookie", cookie).to("http://productpage:9080/api/v1/products/0");
        // send_request raises before sending: no answer, 500, and details never hears of it
        assertThat(api.outcomes().get(0).status()).isEqualTo(500);
        assertThat(api.edges()).noneMatch(e -> e.connects("productpage-v1", "details"));
        assertThat(api.explain(0).steps()).anyMatch(s -> s.startsWith("app of " + api.outcomes().get(0).pod().orElseThrow()
                + ": requests cannot send end-user: "));
        // the page still answers 200, with both sections unavailable
        TrafficResult page = mesh.send(1).from("sleep").header("cookie", cookie).to("http://productpage:9080/productpage");
        assertThat(page.outcomes().get(0).status()).isEqualTo(200);
        assertThat(page.edges()).noneMatch(e -> e.source().startsWith("productpage"));
        // A Latin-1 name is sent as it is.
        TrafficResult latin = mesh.send(1).from("sleep").header("cookie", login(mesh, "jos%C3%A9"))
                .to("http://productpage:9080/api/v1/products/0");
        assertThat(latin.outcomes().get(0).status()).isEqualTo(200);
    }

    @Test
    void loggingOutDeletesTheCookieOfASessionWithAUser() {
        Mesh mesh = bookinfo();
        String cookie = login(mesh, "jason");
        Outcome out = mesh.send(1).from("sleep").header("cookie", cookie).to("http://productpage:9080/logout").outcomes().get(0);
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.responseHeader("set-cookie")).hasValue("session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/");
        // Nobody logged in: the session does not change, and Flask sets no cookie.
        assertThat(one(mesh, "GET", "http://productpage:9080/logout").responseHeader("set-cookie")).isEmpty();
    }

    @Test
    void explanationsSayWhyTheAppAnswered() {
        Mesh mesh = reviews("v1");
        assertThat(mesh.explain().from("sleep").to("http://details:9080/nope").toString()).contains(
                ": Bookinfo's details (WEBrick) mounts /health and /details only, so GET /nope is 404 (WEBrick's NotFound page)");
        assertThat(mesh.explain().from("sleep").to("http://reviews:9080/reviews/x").toString()).contains(
                ": GET /reviews/x: reviews' {productId} is an int, and JAX-RS answers a path parameter it cannot convert with 404,"
                        + " without a body");
        assertThat(mesh.explain().from("sleep").to("http://productpage:9080/").toString()).contains(
                ": GET / is productpage's index(): 200, the page listing its services (meshtest leaves the body empty); it calls"
                        + " nobody");
        assertThat(mesh.explain().from("sleep").to("http://reviews:9080/reviews/0").toString()).contains(
                ": GET /reviews/0 is reviews' bookReviewsById(0): without ratings (ENABLE_RATINGS false, as in the v1 image) it"
                        + " calls nobody");
    }

    @Test
    void aWorkloadCanRunAnotherSample() {
        Mesh mesh = reviews("v1").withApp("reviews-v1", App.sample(Sample.BOOKINFO_REVIEWS_V3));
        assertThat(calls(mesh, "GET", "http://reviews:9080/reviews/0")).containsExactly("http://ratings:9080/ratings/0");
        assertThat(App.sample(Sample.BOOKINFO_DETAILS).sample()).contains(Sample.BOOKINFO_DETAILS);
        assertThat(App.sample(Sample.BOOKINFO_DETAILS).withServiceTime(Duration.ofMillis(5)).sample()).contains(Sample.BOOKINFO_DETAILS);
    }

    @Test
    void theAppsSettingsApplyToTheMainRouteOnly() {
        Mesh mesh = bookinfo().withApp("details-v1", App.sample(Sample.BOOKINFO_DETAILS).status(503));
        assertThat(one(mesh, "GET", "http://details:9080/details/0").status()).isEqualTo(503);
        assertThat(one(mesh, "GET", "http://details:9080/health").status()).isEqualTo(200);
    }

    @Test
    void aCallAnnotationAddsToTheSamplesCallsButMayNotRepeatOne() {
        String added = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: reviews-v1, labels: {app: reviews, version: v1}}
                spec:
                  selector: {matchLabels: {app: reviews, version: v1}}
                  template:
                    metadata:
                      labels: {app: reviews, version: v1}
                      annotations: {meshtest.dev/calls: "%s"}
                    spec:
                      containers: [{name: reviews, image: docker.io/istio/examples-bookinfo-reviews-v2:1.20.3, ports: [{containerPort: 9080}]}]
                """;
        Mesh mesh = reviews("v1").apply(added.formatted("http://details:9080/details/0"));
        assertThat(calls(mesh, "GET", "http://reviews:9080/reviews/0"))
                .containsExactly("http://ratings:9080/ratings/0", "http://details:9080/details/0");
        Mesh twice = reviews("v1").apply(added.formatted("http://ratings:9080/ratings/0"));
        assertThatThrownBy(() -> twice.send(1).from("sleep").to("http://reviews:9080/reviews/0"))
                .hasMessageContaining("annotation meshtest.dev/calls lists http://ratings:9080/ratings/0, which the pod's app, "
                        + "BOOKINFO_REVIEWS_V2, calls itself on /reviews/<id>");
    }

    @Test
    void aVariantMeshtestDoesNotModelIsRefusedUnlessLenient() {
        String detailsV2 = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: details-v2, labels: {app: details, version: v2}}
                spec:
                  selector: {matchLabels: {app: details, version: v2}}
                  template:
                    metadata: {labels: {app: details, version: v2}}
                    spec:
                      containers:
                      - name: details
                        image: registry.istio.io/release/examples-bookinfo-details-v2:1.20.3
                        env: [{name: DO_NOT_ENCRYPT, value: "true"}]
                """;
        assertThatThrownBy(() -> bookinfo().apply(detailsV2)).isInstanceOf(MeshConfigException.class)
                .hasMessageContaining("meshtest does not simulate Bookinfo's details (container details) where "
                        + "ENABLE_EXTERNAL_BOOK_SERVICE true (the v2 image) makes details fetch each book from www.googleapis.com");
        Mesh lenient = bookinfo().lenient().apply(detailsV2);
        assertThat(lenient.notes()).singleElement().asString().startsWith("lenient: Deployment default/details-v2 "
                + "spec.template.spec.containers[0]");
        // The same image told not to call Google Books is details as meshtest models it.
        bookinfo().apply(detailsV2.replace("{name: DO_NOT_ENCRYPT, value: \"true\"}",
                "{name: ENABLE_EXTERNAL_BOOK_SERVICE, value: \"false\"}"));
    }

    @Test
    void anAppOfOnesOwnNamedReviewsStaysGeneric() {
        Mesh mesh = Fixtures.apply(mesh(), "sleep").apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: reviews}
                spec:
                  selector: {matchLabels: {app: reviews}}
                  template:
                    metadata: {labels: {app: reviews, version: v1}}
                    spec: {containers: [{name: reviews, image: example.com/my-reviews:2.0, ports: [{containerPort: 9080}]}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: reviews}
                spec: {selector: {app: reviews}, ports: [{port: 9080, name: http}]}
                """);
        assertThat(one(mesh, "GET", "http://reviews:9080/anything").status()).isEqualTo(200);
    }
}
