package dev.meshtest.internal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineTest {

    private static Engine.Event record(Engine engine, List<String> log, String name) {
        return new Engine.Event() {
            @Override
            protected void fire() {
                log.add(name + "@" + engine.now());
            }
        };
    }

    @Test
    void firesByTimeThenByInsertionOrder() {
        Engine engine = new Engine();
        List<String> log = new ArrayList<>();
        engine.schedule(20, record(engine, log, "c"));
        engine.schedule(10, record(engine, log, "a"));
        engine.schedule(20, record(engine, log, "d"));
        engine.schedule(10, record(engine, log, "b"));
        engine.schedule(0, record(engine, log, "first"));
        engine.run();
        assertThat(log).containsExactly("first@0", "a@10", "b@10", "c@20", "d@20");
        assertThat(engine.now()).isEqualTo(20);
    }

    @Test
    void manySimultaneousEventsKeepTheirOrder() {
        Engine engine = new Engine();
        List<String> log = new ArrayList<>();
        SeededRandom r = new SeededRandom(1);
        List<String> expected = new ArrayList<>();
        List<long[]> planned = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            long t = r.nextInt(50);
            planned.add(new long[] {t, i});
            engine.schedule(t, record(engine, log, "e" + i));
        }
        planned.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        planned.forEach(p -> expected.add("e" + p[1] + "@" + p[0]));
        engine.run();
        assertThat(log).isEqualTo(expected);
    }

    @Test
    void cancelledEventsDoNotMoveTheClock() {
        Engine engine = new Engine();
        List<String> log = new ArrayList<>();
        engine.schedule(5, record(engine, log, "a"));
        Engine.Event timeout = record(engine, log, "timeout");
        engine.schedule(10_000, timeout);
        timeout.cancel();
        engine.run();
        assertThat(log).containsExactly("a@5");
        assertThat(engine.now()).isEqualTo(5);
    }

    @Test
    void runUntilLetsTimePass() {
        Engine engine = new Engine();
        List<String> log = new ArrayList<>();
        engine.schedule(5, record(engine, log, "a"));
        engine.schedule(50, record(engine, log, "b"));
        engine.runUntil(20);
        assertThat(log).containsExactly("a@5");
        assertThat(engine.now()).isEqualTo(20);
        engine.run();
        assertThat(log).containsExactly("a@5", "b@50");
    }

    @Test
    void eventsScheduledDuringAnEventAtTheSameTimeRunAfterIt() {
        Engine engine = new Engine();
        List<String> log = new ArrayList<>();
        engine.schedule(3, new Engine.Event() {
            @Override
            protected void fire() {
                log.add("outer");
                engine.after(0, record(engine, log, "inner"));
            }
        });
        engine.schedule(3, record(engine, log, "sibling"));
        engine.run();
        assertThat(log).containsExactly("outer", "sibling@3", "inner@3");
    }

    @Test
    void refusesThePast() {
        Engine engine = new Engine();
        engine.runUntil(10);
        assertThatThrownBy(() -> engine.schedule(9, record(engine, new ArrayList<>(), "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in the past");
    }
}
