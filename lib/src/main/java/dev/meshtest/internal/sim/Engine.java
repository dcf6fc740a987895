package dev.meshtest.internal.sim;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * The discrete-event engine: a virtual clock and the events waiting for it. Events fire in order
 * of (time, insertion sequence), so two events scheduled for the same instant fire in the order
 * they were scheduled, on every run and every JVM. Nothing here reads the wall clock; a run of
 * 100,000 requests that would take minutes on a cluster takes milliseconds.
 *
 * <p>Time is in nanoseconds since the engine was made (virtual time starts at 0). A cancelled
 * event is dropped when it comes up and does not move the clock, so a timer that was not needed
 * (a timeout of a request that answered in time) leaves no trace on the time line.
 *
 * <pre>{@code
 * Engine engine = new Engine();
 * engine.schedule(engine.now() + 5_000_000, new Engine.Event() {   // in 5 ms
 *     void fire() { System.out.println("at " + engine.now()); }
 * });
 * engine.run();   // prints "at 5000000"; engine.now() is now 5 ms
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class Engine {

    /**
     * Something that happens at a virtual instant. An event object may be scheduled again once it
     * has fired; {@link #cancel()} drops it if it has not.
     */
    public abstract static class Event {
        boolean cancelled;
        /** The engine whose queue holds this event, and where: -1 when it is in no queue. */
        Engine queue;
        int index = -1;

        /** Runs at the event's time; {@link Engine#now()} is that time. */
        protected abstract void fire();

        /**
         * Drops the event if it has not fired yet, and takes it out of the queue at once: a
         * timeout cancelled long before its time (an app's 10 s call timeout) would otherwise stay
         * in the queue and slow every other event down.
         */
        public final void cancel() {
            cancelled = true;
            if (index >= 0) {
                queue.removeAt(index);
            }
        }
    }

    private long now;
    private long sequence;
    private int size;
    private long[] times = new long[64];
    private long[] seqs = new long[64];
    private Event[] events = new Event[64];

    /** A clock at 0. */
    public Engine() {
        this(0);
    }

    /** A clock at {@code now} nanoseconds, with nothing scheduled: a fork of another clock at rest. */
    public Engine(long now) {
        this.now = now;
    }

    /** The current virtual time, in nanoseconds. */
    public long now() {
        return now;
    }

    /** Schedules {@code event} at virtual time {@code at} (never before now). */
    public void schedule(long at, Event event) {
        if (at < now) {
            throw new IllegalArgumentException("event at " + at + " ns is in the past (now " + now + " ns)");
        }
        if (event.index >= 0) {
            throw new IllegalStateException("meshtest bug: an event scheduled while it waits in the queue");
        }
        event.cancelled = false;
        event.queue = this;
        if (size == times.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            seqs = Arrays.copyOf(seqs, n);
            events = Arrays.copyOf(events, n);
        }
        long seq = sequence++;
        // Sift up.
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (before(times[parent], seqs[parent], at, seq)) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        put(i, at, seq, event);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        seqs[to] = seqs[from];
        events[to] = events[from];
        events[to].index = to;
    }

    private void put(int i, long t, long s, Event e) {
        times[i] = t;
        seqs[i] = s;
        events[i] = e;
        e.index = i;
    }

    /** Schedules {@code event} after {@code delayNanos}. */
    public void after(long delayNanos, Event event) {
        schedule(now + delayNanos, event);
    }

    /** Whether no event is waiting (a cancelled event leaves the queue at once). */
    public boolean idle() {
        return size == 0;
    }

    /** Fires events in order until none is left. */
    public void run() {
        while (size > 0) {
            step();
        }
    }

    /**
     * Fires every event due at or before {@code until}, then sets the clock to {@code until}
     * (time passes even when nothing happens).
     */
    public void runUntil(long until) {
        while (size > 0 && times[0] <= until) {
            step();
        }
        if (until > now) {
            now = until;
        }
    }

    /** Fires the next event; returns {@code false} when there was none. */
    boolean step() {
        if (size == 0) {
            return false;
        }
        long t = times[0];
        Event e = events[0];
        removeAt(0);
        if (!e.cancelled) {
            now = t;
            e.fire();
        }
        return true;
    }

    /** Takes the event at heap position {@code at} out of the queue; the last one fills its place. */
    private void removeAt(int at) {
        Event gone = events[at];
        gone.index = -1;
        int last = --size;
        long t = times[last];
        long s = seqs[last];
        Event e = events[last];
        events[last] = null;
        if (last == at) {
            return;
        }
        // Sift the last event down from the hole, or up if it belongs above it.
        int i = at;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (before(times[parent], seqs[parent], t, s)) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        if (i == at) {
            int half = last >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                int right = child + 1;
                if (right < last && before(times[right], seqs[right], times[child], seqs[child])) {
                    child = right;
                }
                if (before(t, s, times[child], seqs[child])) {
                    break;
                }
                move(child, i);
                i = child;
            }
        }
        put(i, t, s, e);
    }

    private static boolean before(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }
}
