package dev.deletionpipeline.localstack.calendar;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The most recent calls, in a fixed-size ring: appending is one atomic increment and one array store, so it costs
 * nothing measurable at thousands of calls per second and never grows past its capacity.
 */
final class CallLog {

    private final int capacity;
    private final AtomicReferenceArray<CallRecord> ring;
    private final AtomicLong nextSequence = new AtomicLong(1);
    private volatile long firstVisibleSequence = 1;

    CallLog(int capacity) {
        this.capacity = capacity;
        this.ring = new AtomicReferenceArray<>(capacity);
    }

    long nextSequence() {
        return nextSequence.getAndIncrement();
    }

    void append(CallRecord call) {
        ring.set(slot(call.sequence()), call);
    }

    /** Calls kept and not cleared, oldest first, with a sequence greater than {@code afterSequence}. */
    List<CallRecord> snapshot(long afterSequence) {
        long end = nextSequence.get();
        long start = Math.max(Math.max(firstVisibleSequence, end - capacity), afterSequence + 1);
        List<CallRecord> calls = new ArrayList<>((int) Math.max(0, end - start));
        for (long sequence = start; sequence < end; sequence++) {
            CallRecord call = ring.get(slot(sequence));
            // a slot may still hold an older lap's call, or not yet hold one whose answer is under way
            if (call != null && call.sequence() == sequence) {
                calls.add(call);
            }
        }
        return calls;
    }

    /** Hides the calls so far and lets go of them, so that a long-lived stand-in can free their memory. */
    void clear() {
        long end = nextSequence.get();
        firstVisibleSequence = end;
        for (int slot = 0; slot < capacity; slot++) {
            CallRecord call = ring.get(slot);
            // a call appended meanwhile stays
            if (call != null && call.sequence() < end) {
                ring.compareAndSet(slot, call, null);
            }
        }
    }

    /** How many calls the ring still references, visible or not. */
    int retained() {
        int retained = 0;
        for (int slot = 0; slot < capacity; slot++) {
            if (ring.get(slot) != null) {
                retained++;
            }
        }
        return retained;
    }

    private int slot(long sequence) {
        return (int) (sequence % capacity);
    }
}
