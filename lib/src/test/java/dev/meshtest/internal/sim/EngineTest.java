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

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    @org.junit.jupiter.api.DisplayName("cancelled events leave the queue at once; the others fire by time, then scheduling order")
    void cancellingAnywhereInTheQueueKeepsTheOrder(long seed) {
        java.util.SplittableRandom g = new java.util.SplittableRandom(seed);
        Engine engine = new Engine();
        List<String> log = new ArrayList<>();
        List<long[]> expected = new ArrayList<>();   // {time, order, id} of the events that must fire
        List<Engine.Event> live = new ArrayList<>();
        List<long[]> liveKeys = new ArrayList<>();
        for (int k = 0; k < 2000; k++) {
            if (!live.isEmpty() && g.nextInt(3) == 0) {
                int victim = g.nextInt(live.size());
                live.remove(victim).cancel();
                liveKeys.remove(victim);
            } else {
                long at = g.nextLong(50);
                Engine.Event e = record(engine, log, "e" + k);
                engine.schedule(at, e);
                live.add(e);
                liveKeys.add(new long[] {at, k});
            }
        }
        expected.addAll(liveKeys);
        expected.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        assertThat(engine.idle()).isEqualTo(live.isEmpty());
        engine.run();
        assertThat(log).containsExactlyElementsOf(expected.stream().map(x -> "e" + x[1] + "@" + x[0]).toList());
        assertThat(engine.idle()).isTrue();
    }

    /** Delays the lanes take: a few, repeated, with 0 among them, and more of them than there are lanes. */
    private static final long[] DELAYS = {0, 5, 40, 100, 250, 333, 500, 640, 700, 810, 999};

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {11, 12, 13, 14, 15, 16})
    @org.junit.jupiter.api.DisplayName("events scheduled and cancelled while the clock runs fire in (time, scheduling) order")
    void eventsScheduledWhileRunningFireInOrder(long seed) {
        java.util.SplittableRandom g = new java.util.SplittableRandom(seed);
        Engine engine = new Engine();
        // The model: what waits, by (time, scheduling number); an event's number is its place in `scheduled`.
        java.util.TreeSet<long[]> waiting = new java.util.TreeSet<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : Long.compare(a[1], b[1]));
        List<long[]> keyOf = new ArrayList<>();
        List<Engine.Event> scheduled = new ArrayList<>();
        List<Long> fired = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        class Chain extends Engine.Event {
            final int id;

            Chain(int id) {
                this.id = id;
            }

            @Override
            protected void fire() {
                long[] first = waiting.pollFirst();
                expected.add(first[1]);
                fired.add((long) id);
                assertThat(engine.now()).isEqualTo(first[0]);
                // Each event schedules 0 to 3 more (a queue of a few hundred, as 64 client loops keep) and may cancel one:
                // at a time, or after a delay, mostly one of a few (the lanes) and sometimes more than lanes hold.
                for (int n = g.nextInt(4); n > 0 && scheduled.size() < 20_000; n--) {
                    int how = g.nextInt(4);
                    if (how == 0) {
                        add(engine.now() + g.nextLong(1_000), false);
                    } else {
                        add(engine.now() + (how == 1 ? g.nextLong(1_000) : DELAYS[g.nextInt(DELAYS.length)]), true);
                    }
                }
                if (g.nextInt(4) == 0 && !scheduled.isEmpty()) {
                    int victim = g.nextInt(scheduled.size());
                    if (waiting.remove(keyOf.get(victim))) {
                        scheduled.get(victim).cancel();
                    }
                }
            }

            void add(long at, boolean after) {
                Chain c = new Chain(scheduled.size());
                long[] key = {at, scheduled.size()};
                scheduled.add(c);
                keyOf.add(key);
                waiting.add(key);
                if (after) {
                    engine.after(at - engine.now(), c);
                } else {
                    engine.schedule(at, c);
                }
            }
        }
        Chain root = new Chain(-1);
        for (int i = 0; i < 300; i++) {
            root.add(g.nextLong(1_000), g.nextBoolean());
        }
        engine.run();
        assertThat(waiting).isEmpty();
        assertThat(fired).hasSizeGreaterThan(1_000).containsExactlyElementsOf(expected);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("timers cancelled in a lane leave it: the engine is idle and its clock stays")
    void cancelledTimersOfOneDelayLeaveTheEngineIdle() {
        Engine engine = new Engine();
        List<String> log = new ArrayList<>();
        List<Engine.Event> timers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Engine.Event e = record(engine, log, "t" + i);
            engine.after(10_000_000_000L, e);   // an app's 10 s call timeout, one per request
            timers.add(e);
        }
        Engine.Event last = record(engine, log, "answer");
        engine.after(5, last);
        timers.forEach(Engine.Event::cancel);   // every request answered in time
        assertThat(engine.idle()).isFalse();
        engine.run();
        assertThat(log).containsExactly("answer@5");
        assertThat(engine.idle()).isTrue();
        assertThat(engine.now()).isEqualTo(5);
    }

    @Test
    void anEventWaitingInTheQueueCannotBeScheduledTwice() {
        Engine engine = new Engine();
        Engine.Event e = record(engine, new ArrayList<>(), "x");
        engine.schedule(5, e);
        assertThatThrownBy(() -> engine.schedule(6, e)).isInstanceOf(IllegalStateException.class);
        e.cancel();
        engine.schedule(6, e);   // once out of the queue, it may come again
        assertThat(engine.idle()).isFalse();
    }

    @Test
    @org.junit.jupiter.api.DisplayName("stop() ends the run after the event that asked, and the rest never fires")
    void stopEndsTheRunAfterTheEventThatAsked() {
        Engine engine = new Engine();
        List<String> log = new ArrayList<>();
        engine.schedule(1, record(engine, log, "a"));
        engine.schedule(2, new Engine.Event() {
            @Override
            protected void fire() {
                log.add("stop@" + engine.now());
                engine.stop();
            }
        });
        engine.schedule(3, record(engine, log, "c"));
        engine.run();
        assertThat(log).containsExactly("a@1", "stop@2");
        assertThat(engine.stopped()).isTrue();
        assertThat(engine.now()).isEqualTo(2);
    }

    @Test
    void clearDropsEveryWaitingEventAndKeepsTheClock() {
        Engine engine = new Engine();
        List<Long> fired = new ArrayList<>();
        for (long t : new long[] {5, 10, 15}) {
            engine.schedule(t, new Engine.Event() {
                @Override
                protected void fire() {
                    fired.add(engine.now());
                }
            });
        }
        engine.runUntil(7);
        Engine.Event later = new Engine.Event() {
            @Override
            protected void fire() {
                fired.add(-1L);
            }
        };
        engine.schedule(20, later);
        later.cancel();
        engine.clear();
        assertThat(engine.idle()).isTrue();
        engine.run();
        assertThat(fired).containsExactly(5L);
        assertThat(engine.now()).isEqualTo(7L);
    }
}
