package dev.meshtest.internal.istio;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.app.Sample;
import dev.meshtest.config.kube.Container;
import dev.meshtest.config.kube.EnvVar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Which of Istio's sample apps a pod runs, by its labels and containers: the one rule for
 * {@code internal.sim.PodApps} (the pod's default app) and for strict mode (what it refuses).
 *
 * <ul>
 *   <li>A container whose image is one of Bookinfo's ({@code <registry>/examples-bookinfo-<app>-<variant>[:tag]},
 *       the first such container) runs that app, with the environment the image was built with
 *       ({@code samples/bookinfo/src/docker-bake.hcl} build args, the Dockerfiles' {@code ENV}) and the
 *       container's {@code env} over it: reviews' {@code ENABLE_RATINGS} and {@code STAR_COLOR} choose
 *       {@link Sample#BOOKINFO_REVIEWS_V1} (no ratings), {@code _V2} (black stars: 10 s) or {@code _V3}
 *       (another color: 2.5 s). The labels do not matter: an app of one's own labelled {@code app: reviews}
 *       stays generic.
 *   <li>Else a pod labelled {@code app: helloworld} runs {@link Sample#HELLOWORLD}.
 * </ul>
 *
 * <p>A Bookinfo container whose image or environment asks for what meshtest does not model (details
 * calling Google Books, ratings with a database or faults, productpage flooding reviews, another
 * host, port or domain for the calls, a variable from {@code valueFrom}) gets a {@link Choice#notSimulated()}
 * reason: strict mode refuses it, a lenient mesh runs the app without it.
 *
 * <pre>{@code
 * SampleApps.Choice c = SampleApps.of(pod.labels(), pod.containers());
 * c.sample();         // BOOKINFO_REVIEWS_V2 for docker.io/istio/examples-bookinfo-reviews-v2:1.20.3
 * c.notSimulated();   // null, or why not
 * }</pre>
 */
@API(status = INTERNAL, since = "0.7")
public final class SampleApps {

    /** The image name prefix of Bookinfo's apps. */
    static final String BOOKINFO_IMAGE = "examples-bookinfo-";

    /**
     * A pod's sample app.
     *
     * @param sample the sample, or {@code null}: a generic app
     * @param notSimulated why meshtest does not simulate this container as it would run, or {@code null}
     * @param container the container that runs the sample, or {@code null}
     */
    public record Choice(Sample sample, String notSimulated, String container) {
    }

    private static final Choice NONE = new Choice(null, null, null);
    private static final Choice HELLOWORLD = new Choice(Sample.HELLOWORLD, null, null);

    /** The variables Bookinfo's apps read that point their calls elsewhere (productpage.py, LibertyRestEndpoint.java). */
    private static final List<String> CALL_TARGETS = List.of("SERVICES_DOMAIN", "DETAILS_HOSTNAME", "DETAILS_SERVICE_PORT",
            "REVIEWS_HOSTNAME", "REVIEWS_SERVICE_PORT", "RATINGS_HOSTNAME", "RATINGS_SERVICE_PORT");

    private SampleApps() {
    }

    /**
     * The sample app of a pod.
     *
     * @param labels the pod's labels
     * @param containers its containers, in order
     * @return the choice; {@link Choice#sample()} {@code null} for a generic app
     */
    public static Choice of(Map<String, String> labels, List<Container> containers) {
        for (Container c : containers) {
            Choice b = bookinfo(c);
            if (b != null) {
                return b;
            }
        }
        return "helloworld".equals(labels.get("app")) ? HELLOWORLD : NONE;
    }

    /** The Bookinfo app {@code c} runs, or {@code null} when its image is not one of Bookinfo's apps. */
    static Choice bookinfo(Container c) {
        String image = c.image();
        if (image == null) {
            return null;
        }
        int at = image.indexOf('@');
        String name = at >= 0 ? image.substring(0, at) : image;
        name = name.substring(name.lastIndexOf('/') + 1);
        int colon = name.indexOf(':');
        name = colon >= 0 ? name.substring(0, colon) : name;
        if (!name.startsWith(BOOKINFO_IMAGE)) {
            return null;
        }
        String rest = name.substring(BOOKINFO_IMAGE.length());
        int dash = rest.indexOf('-');
        String app = dash < 0 ? rest : rest.substring(0, dash);
        String variant = dash < 0 ? "" : rest.substring(dash + 1);
        Map<String, String> env = new LinkedHashMap<>();
        String problem = null;
        switch (app) {
            case "productpage" -> env.put("FLOOD_FACTOR", variant.equals("v-flooding") ? "100" : "0");
            case "details" -> env.put("ENABLE_EXTERNAL_BOOK_SERVICE", variant.equals("v2") ? "true" : "false");
            case "reviews" -> {
                env.put("ENABLE_RATINGS", variant.equals("v1") ? "false" : "true");
                env.put("STAR_COLOR", variant.equals("v3") ? "red" : "black");
            }
            case "ratings" -> env.put("SERVICE_VERSION", variant);
            default -> {
                return null;   // examples-bookinfo-mongodb, -mysqldb: databases, not HTTP apps
            }
        }
        boolean known = switch (app) {
            case "productpage" -> variant.equals("v1") || variant.equals("v-flooding");
            case "details" -> variant.equals("v1") || variant.equals("v2");
            case "reviews" -> variant.equals("v1") || variant.equals("v2") || variant.equals("v3");
            default -> variant.equals("v1") || variant.equals("v2") || variant.startsWith("v-");
        };
        if (!known) {
            problem = "meshtest knows the images Istio builds (samples/bookinfo/src/docker-bake.hcl), not " + name;
        }
        for (EnvVar e : c.env()) {
            if (e == null) {
                continue;
            }
            boolean read = env.containsKey(e.name()) || CALL_TARGETS.contains(e.name()) && callsWith(app, e.name());
            if (read && e.value() == null && problem == null) {
                problem = "env " + e.name() + " comes from valueFrom, which meshtest does not resolve";
            }
            env.put(e.name(), e.value());
        }
        Sample sample;
        switch (app) {
            case "productpage" -> {
                sample = Sample.BOOKINFO_PRODUCTPAGE;
                if (problem == null && !"0".equals(env.get("FLOOD_FACTOR"))) {
                    problem = "FLOOD_FACTOR " + env.get("FLOOD_FACTOR") + " makes productpage flood reviews with that many "
                            + "extra requests on each /productpage";
                }
            }
            case "details" -> {
                sample = Sample.BOOKINFO_DETAILS;
                if (problem == null && "true".equals(env.get("ENABLE_EXTERNAL_BOOK_SERVICE"))) {
                    problem = "ENABLE_EXTERNAL_BOOK_SERVICE true (the v2 image) makes details fetch each book from "
                            + "www.googleapis.com";
                }
            }
            case "reviews" -> {
                boolean ratings = "true".equalsIgnoreCase(env.get("ENABLE_RATINGS"));   // Boolean.valueOf
                String color = env.get("STAR_COLOR");
                sample = !ratings ? Sample.BOOKINFO_REVIEWS_V1 : color == null || color.equals("black")
                        ? Sample.BOOKINFO_REVIEWS_V2 : Sample.BOOKINFO_REVIEWS_V3;
            }
            default -> {
                sample = Sample.BOOKINFO_RATINGS;
                String version = env.get("SERVICE_VERSION");
                if (problem == null && "v2".equals(version)) {
                    problem = "SERVICE_VERSION v2 (the v2 image) makes ratings read them from MongoDB or MySQL";
                } else if (problem == null && version != null && version.startsWith("v-")) {
                    problem = "SERVICE_VERSION " + version + " makes ratings fail or stall on purpose";
                }
            }
        }
        if (problem == null) {
            for (String target : CALL_TARGETS) {
                if (env.containsKey(target) && callsWith(app, target)) {
                    problem = "env " + target + " points its calls elsewhere than meshtest's " + (app.equals("reviews")
                            ? "http://ratings:9080" : "http://details:9080, http://reviews:9080 and http://ratings:9080");
                    break;
                }
            }
        }
        return new Choice(sample, problem == null ? null : "Bookinfo's " + app + " (container " + c.name() + ") where " + problem,
                c.name());
    }

    /** Whether Bookinfo's {@code app} reads {@code variable} to build the URLs it calls. */
    private static boolean callsWith(String app, String variable) {
        return switch (app) {
            case "productpage" -> true;
            case "reviews" -> variable.equals("SERVICES_DOMAIN") || variable.startsWith("RATINGS_");
            default -> false;
        };
    }
}
