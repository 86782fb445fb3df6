package org.vafa.club.points;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * First in, first out: credits are lots in the order they became spendable; every debit uses up the
 * oldest lots first. What is left of lots that became spendable before the cutoff expires.
 */
final class Lots {
    record Entry(long points, Instant effective) {
    }

    private Lots() {
    }

    /** Points left in lots effective up to {@code cutoff}, given every entry effective up to {@code now}. */
    static long expiring(List<Entry> entriesInOrder, Instant cutoff, Instant now) {
        Deque<long[]> lots = new ArrayDeque<>(); // [remaining, effectiveEpochSecond]
        long overdraft = 0; // debits beyond every lot so far (a balance below zero) eat the next credits
        for (Entry e : entriesInOrder) {
            if (e.effective().isAfter(now)) {
                break; // pending: not spendable yet
            }
            if (e.points() > 0) {
                long credit = e.points();
                long covered = Math.min(credit, overdraft);
                overdraft -= covered;
                credit -= covered;
                if (credit > 0) {
                    lots.addLast(new long[] {credit, e.effective().getEpochSecond()});
                }
            } else {
                long debit = -e.points();
                while (debit > 0 && !lots.isEmpty()) {
                    long[] oldest = lots.peekFirst();
                    long used = Math.min(debit, oldest[0]);
                    oldest[0] -= used;
                    debit -= used;
                    if (oldest[0] == 0) {
                        lots.pollFirst();
                    }
                }
                overdraft += debit;
            }
        }
        long due = 0;
        for (long[] lot : lots) {
            if (lot[1] <= cutoff.getEpochSecond()) {
                due += lot[0];
            }
        }
        return due;
    }
}
