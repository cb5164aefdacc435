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

    void clear() {
        firstVisibleSequence = nextSequence.get();
    }

    private int slot(long sequence) {
        return (int) (sequence % capacity);
    }
}
