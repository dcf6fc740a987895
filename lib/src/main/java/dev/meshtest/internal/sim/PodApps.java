package dev.meshtest.internal.sim;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.app.App;
import dev.meshtest.app.Call;
import dev.meshtest.app.Latency;
import dev.meshtest.internal.cluster.ClusterPod;
import dev.meshtest.internal.istio.SampleApps;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The app a pod runs when {@code Mesh.withApp} does not say: the default for its labels, changed
 * by its {@code meshtest.dev/*} annotations.
 *
 * <pre>{@code
 * App app = PodApps.forPod(pod, "pod default/productpage-v1-6f9c7d");
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class PodApps {

    private PodApps() {
    }

    /**
     * The default app of a pod: the sample app its containers' images or labels say
     * ({@link SampleApps#of}: Bookinfo's by image, helloworld by {@code app: helloworld}), else
     * generic; then the pod's {@code meshtest.dev/*} annotations, {@value Call#ANNOTATION}
     * included ({@link Call#parseAll}), whose calls a sample makes after its own on its main route.
     *
     * @param pod the pod, whose labels, annotations, containers and service links say
     * @param where names the pod in error messages ({@code "pod default/productpage-v1-…"})
     * @throws IllegalArgumentException for a bad annotation, naming {@code where}, the annotation
     *     and what is wrong: {@code pod default/p: bad meshtest.dev annotation meshtest.dev/calls:
     *     call 2 "http://reviews:9080/ timeout=3": duration "3" needs a unit: ...}; also for a call
     *     the pod's sample makes itself (the old bookinfo fixture's way of faking it), which would be made twice
     */
    public static App forPod(ClusterPod pod, String where) {
        return forPod(pod.labels(), pod.annotations(), pod.containers(), pod.serviceLinks()::values, where);
    }

    /**
     * As {@link #forPod(ClusterPod, String)}, for a pod spec read alone: no service links.
     *
     * @param labels the pod's labels
     * @param annotations its annotations
     * @param containers its containers
     * @param where names the pod in error messages
     * @return the app
     */
    public static App forPod(Map<String, String> labels, Map<String, String> annotations,
                             java.util.List<dev.meshtest.config.kube.Container> containers, String where) {
        return forPod(labels, annotations, containers, SampleApps.NO_LINKS, where);
    }

    private static App forPod(Map<String, String> labels, Map<String, String> annotations,
                              java.util.List<dev.meshtest.config.kube.Container> containers,
                              java.util.function.Function<String, java.util.SortedMap<String, String>> links, String where) {
        SampleApps.Choice choice = SampleApps.of(labels, containers, links);
        dev.meshtest.app.Sample sample = choice.sample();
        SampleRoutes.Calls sampleCalls = sample == null ? SampleRoutes.DEFAULT_CALLS : SampleRoutes.calls(choice.ports());
        App app = sample == null ? App.generic() : App.sample(sample);
        String st = annotations.get(App.SERVICE_TIME_ANNOTATION);
        if (st != null) {
            app = app.withServiceTime(parsed(where, App.SERVICE_TIME_ANNOTATION, () -> Latency.parse(st)));
        }
        String s = annotations.get(App.STATUS_ANNOTATION);
        if (s != null) {
            App a = app;
            app = parsed(where, App.STATUS_ANNOTATION, () -> a.status(Integer.parseInt(s.trim())));
        }
        String er = annotations.get(App.ERROR_RATE_ANNOTATION);
        String es = annotations.get(App.ERROR_STATUS_ANNOTATION);
        if (er != null || es != null) {
            App a = app;
            String name = er != null ? App.ERROR_RATE_ANNOTATION : App.ERROR_STATUS_ANNOTATION;
            app = parsed(where, es != null && er != null ? name + " / " + App.ERROR_STATUS_ANNOTATION : name,
                    () -> a.failing(es == null ? 500 : Integer.parseInt(es.trim()), er == null ? 0 : Double.parseDouble(er.trim())));
        }
        String b = annotations.get(App.BODY_ANNOTATION);
        if (b != null) {
            app = app.body(b);
        }
        String calls = annotations.get(Call.ANNOTATION);
        if (calls != null) {
            for (Call c : parsed(where, Call.ANNOTATION, () -> Call.parseAll(calls))) {
                if (sample != null && SampleRoutes.route(sample, sampleCalls, "GET", mainPath(sample), "").calls().stream()
                        .anyMatch(own -> own.url().equals(c.url()))) {
                    throw new IllegalArgumentException(where + ": annotation " + Call.ANNOTATION + " lists " + c.url()
                            + ", which the pod's app, " + sample + ", calls itself on " + sample.mainRoute() + " (meshtest "
                            + "runs Bookinfo's apps with their own calls): remove that call from the annotation");
                }
                app = app.calls(c);
            }
        }
        return app;
    }

    /** A path of the sample's main route, for product 0. */
    private static String mainPath(dev.meshtest.app.Sample sample) {
        return sample.mainRoute().replace("<id>", "0");
    }

    private static <T> T parsed(String where, String annotation, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": bad meshtest.dev annotation " + annotation + ": " + e.getMessage(), e);
        }
    }

}
