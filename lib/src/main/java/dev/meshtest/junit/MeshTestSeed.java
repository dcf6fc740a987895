package dev.meshtest.junit;

/**
 * Carries the seed and the rerun command of a failed test when the failure's own message cannot
 * be extended without changing its type: added to it as a suppressed exception, so it prints with
 * the failure's stack trace. It has no stack trace of its own.
 */
final class MeshTestSeed extends Exception {

    MeshTestSeed(String message) {
        super(message, null, false, false);
    }
}
