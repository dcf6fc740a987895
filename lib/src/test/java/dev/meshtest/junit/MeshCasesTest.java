package dev.meshtest.junit;

import org.junit.jupiter.api.Nested;

class MeshCasesTest {

    @Nested
    class AsUsersWriteIt {
        @MeshCases("junit/meshcases/helloworld-routes.yaml")
        void helloworld() {
        }
    }
}
