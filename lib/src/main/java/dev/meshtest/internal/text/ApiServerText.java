package dev.meshtest.internal.text;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The Kubernetes API server's words for what its schema validation of a custom resource finds,
 * shared by the reader (which finds wrong types, missing required fields and values not supported
 * while it binds the YAML) and the validators (which check the rest of a CRD's schema and its CEL
 * rules), so each wording has one home.
 *
 * <pre>{@code
 * ApiServerText.typeInvalid("spec.http[0].route[0].weight", "integer", "string");
 * // Invalid value: "string": spec.http[0].route[0].weight in body must be of type integer: "string"
 * }</pre>
 */
@API(status = INTERNAL, since = "0.7")
public final class ApiServerText {

    /**
     * What the API server adds, at no field ({@code <nil>}), once per object after its field
     * errors when a <em>blocking</em> schema failure (apiextensions' {@code hasBlockingErr}: a wrong
     * type, a required field missing, a value not supported, too long, too many) kept it from
     * evaluating the CRD's CEL rules.
     */
    public static final String NOT_CHECKED = "Invalid value: null: some validation rules were not checked because the"
            + " object was invalid; correct the existing errors to complete validation";

    private ApiServerText() {
    }

    /**
     * A value of the wrong JSON type: kube-openapi's {@code InvalidType}, which apiextensions'
     * {@code kubeOpenAPIResultToFieldErrors} turns into {@code field.TypeInvalid} with the found type
     * as the value.
     *
     * @param path the field path, as in the message's prefix
     * @param expected the schema's type: {@code integer}, {@code number}, {@code string},
     *     {@code boolean}, {@code object} or {@code array}
     * @param found the type of the value sent, named likewise ({@code null} for a JSON null)
     * @return {@code Invalid value: "<found>": <path> in body must be of type <expected>: "<found>"}
     */
    public static String typeInvalid(String path, String expected, String found) {
        return "Invalid value: \"" + found + "\": " + path + " in body must be of type " + expected + ": \"" + found + "\"";
    }
}
