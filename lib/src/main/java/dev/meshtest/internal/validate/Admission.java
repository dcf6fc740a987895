package dev.meshtest.internal.validate;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.meshtest.config.Manifest;
import dev.meshtest.config.MeshConfigException.Problem;
import dev.meshtest.config.Resource;
import dev.meshtest.config.istio.AuthorizationPolicy;
import dev.meshtest.config.istio.DestinationRule;
import dev.meshtest.config.istio.Gateway;
import dev.meshtest.config.istio.PeerAuthentication;
import dev.meshtest.config.istio.RequestAuthentication;
import dev.meshtest.config.istio.ServiceEntry;
import dev.meshtest.config.istio.Sidecar;
import dev.meshtest.config.istio.VirtualService;
import dev.meshtest.internal.istio.InternalAnnotations;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Admission: what Istio's validating webhook ({@code validation.istio.io}) and Kubernetes' API
 * server reject when an object is applied. {@code Cluster.apply} calls it for every object and
 * applies nothing when any problem is found.
 *
 * <p>Covers VirtualService, DestinationRule, Gateway, ServiceEntry, Sidecar, PeerAuthentication, AuthorizationPolicy
 * and RequestAuthentication: Istio's
 * {@code pkg/config/validation} rules with Istio's messages, plus the rules the Istio CRDs ask the
 * API server to check (oneofs, CEL duration and port rules). As on a real cluster the API server
 * checks the schema first, so when the schema rejects an object only the schema's problems are
 * reported. The Kubernetes Gateway API kinds get the API server's checks from their CRDs
 * ({@link GatewayApiValidator}), once the reader accepts them. Kubernetes kinds (validated by the cluster) and ignored resources have no problems here.
 *
 * <pre>{@code
 * List<Problem> problems = Admission.review(manifest);
 * // [vs.yaml:5:3: VirtualService default/all: spec.hosts[0]: wildcard host * is not allowed ...]
 * List<Problem> warnings = Admission.warnings(manifest);
 * Admission.Verdict both = Admission.admit(manifest);   // the two from one pass
 * // [vs.yaml:12:5: VirtualService default/all: spec.http[1]: virtualService rule #1 not used (only the last rule can have no matches)]
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class Admission {

    private Admission() {
    }

    /**
     * The problems that would make the API server or Istio's webhook reject this object; empty
     * when none. The API server's own checks come first ({@link KubeValidation}: kind, name,
     * Kubernetes objects' fields); only an object that passes them reaches Istio's webhook.
     */
    public static List<Problem> review(Manifest manifest) {
        return admit(manifest).rejections();
    }

    /**
     * What the API server and Istio's webhook answer to this object: the problems that reject it
     * ({@link #review}) and, when it passes the API server's checks, the webhook's warnings
     * ({@link #warnings}), from one pass over it.
     */
    public static Verdict admit(Manifest manifest) {
        List<Problem> apiServer = KubeValidation.review(manifest);
        if (!apiServer.isEmpty()) {
            return new Verdict(apiServer, List.of());
        }
        Findings findings = check(manifest);
        return findings == null ? Verdict.NONE : new Verdict(findings.rejections(), findings.warnings());
    }

    /**
     * The answer to one object.
     *
     * @param rejections the problems that reject it; empty when it is admitted
     * @param warnings the webhook's warnings, which kubectl prints and which do not reject it
     */
    public record Verdict(List<Problem> rejections, List<Problem> warnings) {
        static final Verdict NONE = new Verdict(List.of(), List.of());

        public Verdict {
            rejections = List.copyOf(rejections);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The warnings Istio's webhook returns for this object (kubectl prints them as
     * {@code Warning: <message>}); they do not reject it. Empty when none.
     */
    public static List<Problem> warnings(Manifest manifest) {
        Findings findings = check(manifest);
        return findings == null ? List.of() : findings.warnings();
    }

    private static Findings check(Manifest manifest) {
        Resource resource = manifest.resource();
        if (GatewayApiValidator.handles(resource)) {
            // the API server's schema and CEL rules; no webhook validates these kinds
            Findings findings = new Findings(manifest);
            GatewayApiValidator.validate(findings, resource);
            return findings;
        }
        if (!(resource instanceof VirtualService || resource instanceof DestinationRule
                || resource instanceof Gateway || resource instanceof ServiceEntry || resource instanceof Sidecar
                || resource instanceof PeerAuthentication || resource instanceof AuthorizationPolicy
                || resource instanceof RequestAuthentication)) {
            return null;
        }
        Findings findings = new Findings(manifest);
        if (metadata(resource, findings)) {
            return findings;
        }
        String namespace = resource.namespace();
        Record spec = spec(resource);
        if (spec != null) {
            CrdSchema.ISTIO.check(spec, "spec", findings);
        }
        if (resource instanceof VirtualService vs) {
            new VirtualServiceValidator(findings, namespace).validate(vs);
        } else if (resource instanceof DestinationRule dr) {
            new DestinationRuleValidator(findings, namespace).validate(dr);
        } else if (resource instanceof Gateway gw) {
            new GatewayValidator(findings).validate(gw);
        } else if (resource instanceof ServiceEntry se) {
            new ServiceEntryValidator(findings, namespace).validate(se);
        } else if (resource instanceof Sidecar sc) {
            new SidecarValidator(findings, namespace).validate(sc);
        } else if (resource instanceof PeerAuthentication pa) {
            new PeerAuthenticationValidator(findings).validate(pa);
        } else if (resource instanceof AuthorizationPolicy ap) {
            new AuthorizationPolicyValidator(findings).validate(ap);
        } else if (resource instanceof RequestAuthentication ra) {
            new RequestAuthenticationValidator(findings).validate(ra);
        }
        return findings;
    }

    /** The spec of an Istio object this reviews, or {@code null} when it has none. */
    private static Record spec(Resource resource) {
        if (resource instanceof VirtualService r) {
            return r.spec();
        } else if (resource instanceof DestinationRule r) {
            return r.spec();
        } else if (resource instanceof Gateway r) {
            return r.spec();
        } else if (resource instanceof ServiceEntry r) {
            return r.spec();
        } else if (resource instanceof Sidecar r) {
            return r.spec();
        } else if (resource instanceof PeerAuthentication r) {
            return r.spec();
        } else if (resource instanceof AuthorizationPolicy r) {
            return r.spec();
        } else if (resource instanceof RequestAuthentication r) {
            return r.spec();
        }
        return null;
    }

    /**
     * {@code validateMetadata}: annotations the webhook refuses before it looks at the spec
     * (dry-run is for AuthorizationPolicy only; the internal ones may not be set by users).
     * Returns true when the object is refused for them.
     */
    private static boolean metadata(Resource resource, Findings findings) {
        Map<String, String> annotations = resource.metadata() == null ? Map.of() : resource.metadata().annotations();
        String path = "metadata.annotations";
        if (annotations.containsKey("istio.io/dry-run") && !(resource instanceof AuthorizationPolicy)) {
            findings.error(Findings.key(path, "istio.io/dry-run"), resource.namespace() + "/" + resource.name()
                    + " has unsupported annotation istio.io/dry-run, please remove the annotation");
            return true;
        }
        if (annotations.containsKey("internal.istio.io/webhook-always-reject")) {
            findings.error(Findings.key(path, "internal.istio.io/webhook-always-reject"),
                    "\"internal.istio.io/webhook-always-reject\" annotation found, rejecting");
            return true;
        }
        for (String internal : List.of(InternalAnnotations.PARENT_NAMESPACE, InternalAnnotations.PARENTS)) {
            if (annotations.containsKey(internal)) {
                findings.error(Findings.key(path, internal),
                        Values.quote(internal) + " annotation found, this may not be set by users");
                return true;
            }
        }
        return false;
    }
}
