package dev.meshtest.live;

import java.util.List;

/** The live traffic threads of this JVM that are alive. */
final class LiveThreads {

    private LiveThreads() {
    }

    static List<String> running() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("meshtest-live-")).sorted().toList();
    }
}
