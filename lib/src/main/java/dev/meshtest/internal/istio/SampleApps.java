package dev.meshtest.internal.istio;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.app.Sample;
import dev.meshtest.config.kube.Container;
import dev.meshtest.config.kube.EnvVar;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
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
 * <p>The ports Bookinfo's apps call ({@link Choice#ports()}) are what they read from their environment
 * ({@code productpage.py}: {@code DETAILS_SERVICE_PORT}, {@code REVIEWS_SERVICE_PORT},
 * {@code RATINGS_SERVICE_PORT}; {@code LibertyRestEndpoint.java}: {@code RATINGS_SERVICE_PORT}; each
 * 9080 when unset): the container's {@code env}, else the kubelet's service links (the first port of
 * Service {@code details}, ... in the pod's namespace, {@code internal.cluster.ServiceLinks}), else 9080.
 *
 * <p>A Bookinfo container whose image or environment asks for what meshtest does not model (details
 * calling Google Books, ratings with a database or faults, productpage flooding reviews, another
 * host or domain for the calls, a call port that is no port number or that two Services' links
 * give, a variable from {@code valueFrom}) gets a {@link Choice#notSimulated()} reason: strict mode
 * refuses it, a lenient mesh runs the app without it (calling port 9080 for a port it cannot read).
 *
 * <pre>{@code
 * SampleApps.Choice c = SampleApps.of(pod.labels(), pod.containers(), pod.serviceLinks()::values);
 * c.sample();         // BOOKINFO_REVIEWS_V2 for docker.io/istio/examples-bookinfo-reviews-v2:1.20.3
 * c.notSimulated();   // null, or why not
 * c.ports();          // CallPorts[details=9080, reviews=9080, ratings=80] with Service ratings on port 80
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
    public record Choice(Sample sample, String notSimulated, String container, CallPorts ports) {

        /**
         * A choice whose app calls the default ports.
         *
         * @param sample the sample, or {@code null}: a generic app
         * @param notSimulated why not simulated as it would run, or {@code null}
         * @param container the container that runs the sample, or {@code null}
         */
        public Choice(Sample sample, String notSimulated, String container) {
            this(sample, notSimulated, container, CallPorts.DEFAULT);
        }
    }

    /**
     * The ports Bookinfo's apps call each service on, fixed when the app starts.
     *
     * @param details the port of productpage's calls to details
     * @param reviews the port of productpage's calls to reviews
     * @param ratings the port of productpage's and reviews' calls to ratings
     */
    public record CallPorts(int details, int reviews, int ratings) {
        /** The apps' defaults: 9080 each. */
        public static final CallPorts DEFAULT = new CallPorts(9080, 9080, 9080);
    }

    /** No service links: a pod spec read alone, before any pod starts. */
    public static final Function<String, SortedMap<String, String>> NO_LINKS = v -> Collections.emptySortedMap();

    private static final Choice NONE = new Choice(null, null, null);
    private static final Choice HELLOWORLD = new Choice(Sample.HELLOWORLD, null, null);

    /** The variables Bookinfo's apps read that point their calls at other hosts (productpage.py, LibertyRestEndpoint.java). */
    private static final List<String> CALL_HOSTS = List.of("SERVICES_DOMAIN", "DETAILS_HOSTNAME", "REVIEWS_HOSTNAME",
            "RATINGS_HOSTNAME");
    /** The variables they read their call ports from, in {@link CallPorts}' order; 9080 when unset. */
    private static final List<String> CALL_PORTS = List.of("DETAILS_SERVICE_PORT", "REVIEWS_SERVICE_PORT",
            "RATINGS_SERVICE_PORT");

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
        return of(labels, containers, NO_LINKS);
    }

    /**
     * The sample app of a pod whose containers started with {@code serviceLinks}.
     *
     * @param labels the pod's labels
     * @param containers its containers, in order
     * @param serviceLinks what the kubelet's service links set a variable to, by the Service that sets it
     *     ({@code internal.cluster.ServiceLinks#values})
     * @return the choice; {@link Choice#sample()} {@code null} for a generic app
     */
    public static Choice of(Map<String, String> labels, List<Container> containers,
                            Function<String, SortedMap<String, String>> serviceLinks) {
        for (Container c : containers) {
            Choice b = bookinfo(c, serviceLinks);
            if (b != null) {
                return b;
            }
        }
        return "helloworld".equals(labels.get("app")) ? HELLOWORLD : NONE;
    }

    /**
     * Why the Bookinfo app of a pod is not simulated as it runs because of its service links alone:
     * what {@link #of(Map, List, Function)} says and the pod spec read alone does not; else {@code null}.
     *
     * @param labels the pod's labels
     * @param containers its containers
     * @param serviceLinks its service links
     * @return the reason, or {@code null}
     */
    public static String linkProblem(Map<String, String> labels, List<Container> containers,
                                     Function<String, SortedMap<String, String>> serviceLinks) {
        String withLinks = of(labels, containers, serviceLinks).notSimulated();
        return withLinks == null || withLinks.equals(of(labels, containers).notSimulated()) ? null : withLinks;
    }

    /** The Bookinfo app {@code c} runs, or {@code null} when its image is not one of Bookinfo's apps. */
    static Choice bookinfo(Container c, Function<String, SortedMap<String, String>> serviceLinks) {
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
            boolean read = env.containsKey(e.name())
                    || (CALL_HOSTS.contains(e.name()) || CALL_PORTS.contains(e.name())) && callsWith(app, e.name());
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
            for (String target : CALL_HOSTS) {
                if (env.containsKey(target) && callsWith(app, target)) {
                    problem = "env " + target + " points its calls at other hosts than meshtest's " + (app.equals("reviews")
                            ? "http://ratings:<port>" : "http://details:<port>, http://reviews:<port> and http://ratings:<port>");
                    break;
                }
            }
        }
        int[] ports = {9080, 9080, 9080};
        for (int i = 0; i < CALL_PORTS.size(); i++) {
            String variable = CALL_PORTS.get(i);
            // reviews without ratings (ENABLE_RATINGS false) reads RATINGS_SERVICE_PORT but never calls.
            if (!callsWith(app, variable) || sample == Sample.BOOKINFO_REVIEWS_V1) {
                continue;
            }
            String value;
            String from;
            if (env.containsKey(variable)) {
                value = env.get(variable);   // the container's env wins over the service links (makeEnvironmentVariables)
                from = "";
                if (value == null) {
                    continue;   // valueFrom: said above
                }
            } else {
                SortedMap<String, String> linked = serviceLinks.apply(variable);
                if (linked.isEmpty()) {
                    continue;   // the app's default, 9080
                }
                if (new java.util.HashSet<>(linked.values()).size() > 1) {
                    if (problem == null) {
                        StringBuilder sources = new StringBuilder();
                        linked.forEach((service, v) -> sources.append(sources.length() == 0 ? "" : " and ").append("Service ")
                                .append(service).append(" (\"").append(v).append("\")"));
                        problem = "env " + variable + " comes from the kubelet's service links of " + sources + ": which one "
                                + "the container gets depends on the order of the kubelet's map (kubelet_pods.go "
                                + "getServiceEnvVarMap)";
                    }
                    continue;
                }
                value = linked.values().iterator().next();
                from = " (the kubelet's service link of Service " + linked.firstKey() + ")";
            }
            int port = portNumber(value);
            if (port < 0) {
                if (problem == null) {
                    problem = "env " + variable + " is \"" + value + "\"" + from + ", not a port number: the app's calls to "
                            + "http://" + variable.substring(0, variable.indexOf('_')).toLowerCase(java.util.Locale.ROOT) + ":"
                            + value + "/... are not calls meshtest can make";
                }
                continue;
            }
            ports[i] = port;
        }
        return new Choice(sample, problem == null ? null : "Bookinfo's " + app + " (container " + c.name() + ") where " + problem,
                c.name(), new CallPorts(ports[0], ports[1], ports[2]));
    }

    /**
     * The ports an app of {@code sample} calls in a pod with {@code containers} and {@code serviceLinks}:
     * as {@link Choice#ports()} for the pod's own Bookinfo app, also for a sample the test gave the
     * pod ({@code Mesh.withApp}), which reads the call ports of the pod's Bookinfo container's env
     * (if any) and its service links. A port it cannot read is 9080.
     *
     * @param sample the app
     * @param containers the pod's containers
     * @param serviceLinks its service links
     * @return the ports
     */
    public static CallPorts callPorts(Sample sample, List<Container> containers,
                                      Function<String, SortedMap<String, String>> serviceLinks) {
        String image = switch (sample) {
            case BOOKINFO_PRODUCTPAGE -> "productpage-v1";
            case BOOKINFO_REVIEWS_V2 -> "reviews-v2";
            case BOOKINFO_REVIEWS_V3 -> "reviews-v3";
            default -> null;   // apps that call nobody
        };
        if (image == null) {
            return CallPorts.DEFAULT;
        }
        List<EnvVar> env = List.of();
        for (Container c : containers) {
            if (bookinfo(c, NO_LINKS) != null) {
                env = c.env().stream().filter(e -> e != null && CALL_PORTS.contains(e.name())).toList();
                break;
            }
        }
        return bookinfo(new Container("app", BOOKINFO_IMAGE + image, List.of(), env), serviceLinks).ports();
    }

    /** A port number written as the apps' URLs take it (1 to 65535, no sign, no leading zero), else -1. */
    private static int portNumber(String value) {
        if (value.isEmpty() || value.length() > 5 || value.charAt(0) == '0') {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return -1;
            }
        }
        int port = Integer.parseInt(value);
        return port <= 65535 ? port : -1;
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
