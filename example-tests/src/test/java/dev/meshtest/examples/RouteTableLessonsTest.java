package dev.meshtest.examples;

import dev.meshtest.junit.MeshCases;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Routing checks kept as a table next to the YAML they check ({@code tasks/bookinfo-routes.yaml}),
 * as istio-config-validator and Envoy's router check tool keep them: no Java beyond this one
 * method, and each case of the table is one test named after its line and name.
 */
@DisplayName("Route tables: routing checks as YAML next to the config")
@ExtendWith(LessonPrinter.class)
class RouteTableLessonsTest {

    @MeshCases("tasks/bookinfo-routes.yaml")
    @DisplayName("Bookinfo after the request-routing task")
    void bookinfo() {
    }
}
