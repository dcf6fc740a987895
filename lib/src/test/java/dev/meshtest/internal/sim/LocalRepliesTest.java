package dev.meshtest.internal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshtest.internal.proxy.HeaderMutation;
import dev.meshtest.traffic.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What {@link LocalReplies} keeps while a send runs: nothing that grows with the number of requests. */
class LocalRepliesTest {

    @Test
    @DisplayName("header edits made anew per request but equal (a CORS answer's) share one cache entry and one outcome")
    void equalEditsShareOneEntry() {
        LocalReplies replies = new LocalReplies();
        Outcome ok = replies.envoyReply("", 200, "");
        Outcome first = null;
        for (int i = 0; i < 10_000; i++) {
            Outcome e = replies.edited(ok, new HeaderMutation(Map.of("access-control-allow-origin", "https://a.example"),
                    Map.of(), List.of()));
            if (first == null) {
                first = e;
            }
            assertThat(e).isSameAs(first);
        }
        assertThat(first.responseHeader("access-control-allow-origin")).hasValue("https://a.example");
        assertThat(replies.editsKept()).isEqualTo(1);
    }

    @Test
    @DisplayName("past MAX_CACHED different edits, outcomes are made without being kept")
    void boundedByMaxCached() {
        LocalReplies replies = new LocalReplies();
        Outcome ok = replies.envoyReply("", 200, "");
        for (int i = 0; i < LocalReplies.MAX_CACHED + 100; i++) {
            Outcome e = replies.edited(ok, new HeaderMutation(Map.of("x-n", Integer.toString(i)), Map.of(), List.of()));
            assertThat(e.responseHeader("x-n")).hasValue(Integer.toString(i));
        }
        assertThat(replies.editsKept()).isEqualTo(LocalReplies.MAX_CACHED);
    }
}
