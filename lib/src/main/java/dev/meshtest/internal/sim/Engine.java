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
 * (a timeout of a request that answered in time) leaves no trace on the time line; when dropped
 * entries outnumber the live ones, the queue is rebuilt from the live ones, so timers cancelled
 * long before their time do not slow every other event down.
 *
 * <p>Events scheduled {@link #after} a delay wait in a <em>lane</em> of that delay when there is
 * one (the first {@value #LANES} delays in use get one): the clock never goes back, so events
 * scheduled one delay after "now" come in order of (time, sequence) and a lane is a plain FIFO
 * queue. A request's delays are mostly a few fixed ones (the proxies' overhead, a fixed service
 * time, a client loop's think time), so most events never enter the binary heap, which keeps
 * the rest; the next event is the earliest of the heap's top and the lanes' heads. The order
 * events fire in is the same either way.
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
        /** The scheduling number it waits in {@code queue}'s queue under, or -1 when it does not wait. */
        long seq = -1;
        Engine queue;

        /** Runs at the event's time; {@link Engine#now()} is that time. */
        protected abstract void fire();

        /**
         * Drops the event if it has not fired yet. Its entry stays in the queue, dead, until it
         * comes up or the queue is compacted: a timeout cancelled long before its time (an app's
         * 10 s call timeout) must not make every other event pay for it.
         */
        public final void cancel() {
            if (seq >= 0) {
                seq = -1;
                queue.died();
            }
        }
    }

    /** How many delays get a lane of their own. */
    static final int LANES = 8;

    private long now;
    private long sequence;
    /** Entries in the binary heap. */
    private int size;
    /** Entries waiting in the heap and the lanes together. */
    private int waiting;
    /** Entries waiting whose event was cancelled (or scheduled again since). */
    private int dead;
    private boolean stopped;
    private long[] times = new long[64];
    private long[] seqs = new long[64];
    private Event[] events = new Event[64];
    private final Lane[] lanes = new Lane[LANES];
    private int laneCount;

    /** Events scheduled with one delay, in order of (time, sequence): a ring of entries. */
    private static final class Lane {
        long delay;
        long[] times = new long[16];
        long[] seqs = new long[16];
        Event[] events = new Event[16];
        /** Where the first entry is, and how many there are. */
        int head;
        int size;

        void add(long t, long s, Event e) {
            if (size == times.length) {
                grow();
            }
            int i = (head + size) & (times.length - 1);
            times[i] = t;
            seqs[i] = s;
            events[i] = e;
            size++;
        }

        /** Unrolls the ring into arrays twice as long, the first entry at 0. */
        private void grow() {
            int n = times.length;
            long[] t = new long[2 * n];
            long[] q = new long[2 * n];
            Event[] e = new Event[2 * n];
            for (int k = 0; k < size; k++) {
                int i = (head + k) & (n - 1);
                t[k] = times[i];
                q[k] = seqs[i];
                e[k] = events[i];
            }
            times = t;
            seqs = q;
            events = e;
            head = 0;
        }

        Event removeHead() {
            Event e = events[head];
            events[head] = null;
            head = (head + 1) & (times.length - 1);
            size--;
            return e;
        }

        /** Keeps the live entries only, in their order. */
        void compact() {
            int n = times.length;
            int kept = 0;
            for (int k = 0; k < size; k++) {
                int i = (head + k) & (n - 1);
                Event e = events[i];
                events[i] = null;
                if (e.seq == seqs[i]) {
                    int j = (head + kept) & (n - 1);
                    times[j] = times[i];
                    seqs[j] = seqs[i];
                    events[j] = e;
                    kept++;
                }
            }
            size = kept;
        }

        void clear() {
            for (int k = 0; k < size; k++) {
                int i = (head + k) & (times.length - 1);
                events[i].seq = -1;
                events[i] = null;
            }
            size = 0;
            head = 0;
        }
    }

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
        if (event.seq >= 0) {
            throw new IllegalStateException("meshtest bug: an event scheduled while it waits in the queue");
        }
        event.queue = this;
        if (size == times.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            seqs = Arrays.copyOf(seqs, n);
            events = Arrays.copyOf(events, n);
        }
        long seq = sequence++;
        event.seq = seq;
        waiting++;
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
    }

    private void put(int i, long t, long s, Event e) {
        times[i] = t;
        seqs[i] = s;
        events[i] = e;
    }

    /**
     * An event in the queue was cancelled. When dead entries are more than half the queue, the
     * queue keeps only the live ones: each dead entry is dropped once, so this costs a constant
     * per cancellation, and the queue stays the size of what may still happen.
     */
    private void died() {
        dead++;
        if (dead > 8 && dead > waiting / 2) {
            compact();
        }
    }

    private void compact() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (alive(i)) {
                move(i, n++);
            }
        }
        for (int i = n; i < size; i++) {
            events[i] = null;
        }
        size = n;
        // Floyd's heap construction: sift every parent down, last first.
        for (int i = (n >>> 1) - 1; i >= 0; i--) {
            siftDown(i, times[i], seqs[i], events[i]);
        }
        for (int l = 0; l < laneCount; l++) {
            lanes[l].compact();
            n += lanes[l].size;
        }
        waiting = n;
        dead = 0;
    }

    /** Puts the entry (t, s, e) at heap position {@code i} or below, where it belongs among positions below {@code size}. */
    private void siftDown(int i, long t, long s, Event e) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && before(times[right], seqs[right], times[child], seqs[child])) {
                child = right;
            }
            if (before(t, s, times[child], seqs[child])) {
                break;
            }
            move(child, i);
            i = child;
        }
        put(i, t, s, e);
    }

    /** Whether the heap's entry at {@code i} will fire: its event waits and was scheduled as this entry. */
    private boolean alive(int i) {
        return events[i].seq == seqs[i];
    }

    /**
     * Schedules {@code event} after {@code delayNanos}: in the lane of that delay when it has one,
     * else in the heap; alone in the queue it goes to the heap, where one entry costs nothing to
     * keep (a single client loop's events wait one at a time).
     */
    public void after(long delayNanos, Event event) {
        Lane lane = waiting == 0 || delayNanos < 0 || delayNanos > Long.MAX_VALUE - now || event.seq >= 0 ? null
                : laneOf(delayNanos);
        if (lane == null) {
            schedule(now + delayNanos, event);   // the heap, or the error for a past time or a waiting event
            return;
        }
        event.queue = this;
        long seq = sequence++;
        event.seq = seq;
        waiting++;
        lane.add(now + delayNanos, seq, event);
    }

    /** The lane of {@code delay}: the one it has, a new one, or an empty one it takes over; {@code null} when all are busy. */
    private Lane laneOf(long delay) {
        for (int i = 0; i < laneCount; i++) {
            if (lanes[i].delay == delay) {
                return lanes[i];
            }
        }
        Lane lane = null;
        if (laneCount < LANES) {
            lane = new Lane();
            lanes[laneCount++] = lane;
        } else {
            for (int i = 0; i < laneCount && lane == null; i++) {
                if (lanes[i].size == 0) {
                    lane = lanes[i];
                }
            }
            if (lane == null) {
                return null;
            }
        }
        lane.delay = delay;
        return lane;
    }

    /**
     * Drops every waiting event, the clock where it is: after live traffic failed on its thread,
     * what was in flight can never be answered, and the mesh must be at rest again.
     */
    public void clear() {
        for (int i = 0; i < size; i++) {
            if (events[i] != null) {
                events[i].seq = -1;
                events[i] = null;
            }
        }
        for (int l = 0; l < laneCount; l++) {
            lanes[l].clear();
        }
        size = 0;
        waiting = 0;
        dead = 0;
    }

    /** Whether no event is waiting (cancelled ones do not count). */
    public boolean idle() {
        return waiting == dead;
    }

    /** Fires events in order until none is left. */
    public void run() {
        while (waiting > 0 && !stopped) {
            step();
        }
    }

    /**
     * Ends {@link #run()} after the event that is firing: for a replay that has what it came for
     * (the request it explains has its answer) and need not play the rest of the send. The engine
     * is not used again.
     */
    public void stop() {
        stopped = true;
    }

    /** {@return whether {@link #stop()} ended the run} */
    public boolean stopped() {
        return stopped;
    }

    /**
     * Fires every event due at or before {@code until}, then sets the clock to {@code until}
     * (time passes even when nothing happens).
     */
    public void runUntil(long until) {
        while (waiting > 0 && nextTime() <= until) {
            step();
        }
        if (until > now) {
            now = until;
        }
    }

    /** When the next entry waits for (it may be a cancelled one's); {@link Long#MAX_VALUE} when none waits. */
    private long nextTime() {
        long t = size > 0 ? times[0] : Long.MAX_VALUE;
        for (int l = 0; l < laneCount; l++) {
            Lane lane = lanes[l];
            if (lane.size > 0 && lane.times[lane.head] < t) {
                t = lane.times[lane.head];
            }
        }
        return t;
    }

    /** Fires the next event; returns {@code false} when there was none. */
    boolean step() {
        if (waiting == 0) {
            return false;
        }
        // The earliest entry by (time, sequence): the heap's top or a lane's head.
        Lane from = null;
        long t = Long.MAX_VALUE;
        long s = Long.MAX_VALUE;
        if (size > 0) {
            t = times[0];
            s = seqs[0];
        }
        for (int l = 0; l < laneCount; l++) {
            Lane lane = lanes[l];
            if (lane.size > 0 && before(lane.times[lane.head], lane.seqs[lane.head], t, s)) {
                from = lane;
                t = lane.times[lane.head];
                s = lane.seqs[lane.head];
            }
        }
        Event e;
        if (from == null) {
            e = events[0];
            removeTop();
        } else {
            e = from.removeHead();
        }
        waiting--;
        boolean live = e.seq == s;
        if (!live) {
            dead--;
        } else {
            e.seq = -1;
            now = t;
            e.fire();
        }
        return true;
    }

    /** Takes the first entry out of the queue; the last one fills its place. */
    private void removeTop() {
        int last = --size;
        long t = times[last];
        long s = seqs[last];
        Event e = events[last];
        events[last] = null;
        if (last > 0) {
            siftDown(0, t, s, e);
        }
    }

    private static boolean before(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }
}
