package dev.meshtest.examples;

import static dev.meshtest.assertj.MeshAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.Mesh;
import dev.meshtest.junit.Fixtures;
import dev.meshtest.traffic.Graph;
import dev.meshtest.traffic.ResponseFlag;
import dev.meshtest.traffic.TrafficResult;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The call graph of Bookinfo's page, as Kiali shows it, from the fault-injection task: 100 pages
 * for jason through the ingress gateway, his calls to ratings aborted with 500. The graph's SVG
 * is the README's picture ({@code docs/images/bookinfo-graph.svg}, which this lesson keeps equal
 * to what meshtest draws), and a real browser draws it: headless Chromium, where installed. Route
 * coverage then says which of Bookinfo's VirtualService rules such pages never exercise.
 */
@DisplayName("The call graph and route coverage: Bookinfo as Kiali shows it")
@ExtendWith(LessonPrinter.class)
class CallGraphLessonsTest {

    /** The README's picture, found from the module's directory up (example-tests, or a junit-compat module running it). */
    static final Path PICTURE = picture();

    private static Path picture() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve(Path.of("docs", "images", "bookinfo-graph.svg"));
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException("docs/images/bookinfo-graph.svg is not above " + Path.of("").toAbsolutePath());
    }

    static Mesh bookinfo() {
        return Fixtures.apply(Mesh.mesh().seed(1), "bookinfo").apply("classpath:tasks/bookinfo-gateway.yaml")
                .apply("classpath:tasks/bookinfo-subsets.yaml").apply("classpath:tasks/bookinfo-all-v1.yaml")
                .apply("classpath:tasks/reviews-jason-v2.yaml").apply("classpath:tasks/ratings-abort-jason.yaml");
    }

    static TrafficResult jasonsPages() {
        return jasonsPages(bookinfo());
    }

    static TrafficResult jasonsPages(Mesh mesh) {
        return mesh.send(100).fromOutside().header("cookie", FaultInjectionLessonsTest.signIn(mesh, "jason"))
                .to("http://bookinfo.example.com/productpage");
    }

    @Test
    @DisplayName("route coverage: jason's sign-in and pages leave the gateway's other paths, everyone else's rules and productpage's "
            + "mesh-only VirtualService unexercised; everyone's pages still never reach ratings' rule for them (v1 calls no ratings)")
    void coverage() {
        Mesh mesh = bookinfo();
        jasonsPages(mesh);
        assertThat(mesh.routeCoverage().missed()).extracting(Object::toString).containsExactly(
                "default/bookinfo http[0].match[1]", "default/bookinfo http[0].match[3]",
                "default/bookinfo http[0].match[4]", "default/productpage http[0]", "default/reviews http[1]",
                "default/ratings http[1]");
        for (String path : List.of("/static/x.css", "/login", "/logout", "/api/v1/products")) {
            mesh.send(1).fromOutside().to("http://bookinfo.example.com" + path);
        }
        mesh.send(10).fromOutside().to("http://bookinfo.example.com/productpage");
        // Everyone else's reviews come from v1, which never calls ratings: ratings' rule for everyone else stays unexercised.
        assertThat(mesh.routeCoverage().missed()).extracting(Object::toString).containsExactly("default/productpage http[0]",
                "default/ratings http[1]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertThat(mesh.routeCoverage()).isComplete())
                .hasMessageContaining("no request exercised\n  default/productpage http[0]\n  default/ratings http[1]\n");
    }

    @Test
    @DisplayName("every hop of jason's page: the gateway, productpage, details, reviews v2, and ratings failing red")
    void graph() {
        TrafficResult r = jasonsPages();
        assertThat(r).edge("reviews-v2", "ratings").allHaveStatus(500).withFlag(ResponseFlag.FAULT_INJECTED);
        Graph g = r.graph();
        assertThat(g.links()).extracting(l -> l.from() + " -> " + l.to() + " " + l.requests() + " " + l.health()).containsExactly(
                "istio-system/istio-ingressgateway -> productpage.default.svc.cluster.local 100 HEALTHY",
                "default/productpage-v1 -> details.default.svc.cluster.local 100 HEALTHY",
                "default/productpage-v1 -> reviews.default.svc.cluster.local 100 HEALTHY",
                "default/reviews-v2 -> ratings.default.svc.cluster.local 100 FAILURE",
                "productpage.default.svc.cluster.local -> default/productpage-v1 100 HEALTHY",
                "details.default.svc.cluster.local -> default/details-v1 100 HEALTHY",
                "reviews.default.svc.cluster.local -> default/reviews-v2 100 HEALTHY");
    }

    @Test
    @DisplayName("the README's picture is the graph meshtest draws today")
    void readmePicture() throws IOException {
        String svg = jasonsPages().graph().toSvg();
        if (Boolean.getBoolean("meshtest.updatePictures")) {
            Files.writeString(PICTURE, svg, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(PICTURE, StandardCharsets.UTF_8)).as("docs/images/bookinfo-graph.svg; regenerate with "
                + "-Dmeshtest.updatePictures=true").isEqualTo(svg);
    }

    @Test
    @DisplayName("a real browser draws the SVG: headless Chromium's screenshot has the links' green and the failing link's red")
    void chromiumDrawsIt() throws Exception {
        String chromium = List.of("chromium", "chromium-browser", "google-chrome").stream()
                .filter(CallGraphLessonsTest::installed).findFirst().orElse(null);
        Assumptions.assumeTrue(chromium != null, "headless Chromium is not installed here (Debian: apt-get install chromium; "
                + ".ci/run installs it): the SVG is not drawn by a browser in this run");
        Path dir = Files.createDirectories(Path.of("target", "graphs"));
        Path svg = dir.resolve("bookinfo-graph.svg");
        String drawn = jasonsPages().graph().toSvg();
        Files.writeString(svg, drawn, StandardCharsets.UTF_8);
        java.util.regex.Matcher size = java.util.regex.Pattern.compile("width=\"(\\d+)\" height=\"(\\d+)\"").matcher(drawn);
        assertThat(size.find()).isTrue();
        Path png = dir.resolve("bookinfo-graph.png");
        Files.deleteIfExists(png);
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--screenshot=" + png.toAbsolutePath(), "--window-size=" + size.group(1) + "," + size.group(2), svg.toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("Chromium finished").isTrue();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a screenshot, see " + dir.resolve("chromium.log")).isNotNull();
        assertThat(pixels(image, 0x3f9c35)).as("green link pixels").isGreaterThan(100);
        assertThat(pixels(image, 0xcc0000)).as("red link pixels").isGreaterThan(100);
    }

    /** Whether {@code command} is on the PATH. */
    private static boolean installed(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Pixels close to {@code rgb}. */
    private static long pixels(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int c = image.getRGB(x, y);
                if (Math.abs(((c >> 16) & 0xff) - ((rgb >> 16) & 0xff)) < 24 && Math.abs(((c >> 8) & 0xff) - ((rgb >> 8) & 0xff)) < 24
                        && Math.abs((c & 0xff) - (rgb & 0xff)) < 24) {
                    n++;
                }
            }
        }
        return n;
    }
}
