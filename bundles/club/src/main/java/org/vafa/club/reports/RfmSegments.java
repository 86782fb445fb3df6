package org.vafa.club.reports;

import java.util.List;

/**
 * The usual RFM segments from the recency and frequency scores (1–5): who buys often and lately
 * (champions) to who bought little long ago (lost). Monetary refines within a segment.
 */
public final class RfmSegments {
    public static final List<String> NAMES = List.of("champions", "loyal", "potential-loyalists", "new", "promising",
            "need-attention", "about-to-sleep", "cannot-lose", "at-risk", "hibernating", "lost");

    private RfmSegments() {
    }

    public static String of(int recency, int frequency) {
        if (recency == 5 && frequency >= 4) {
            return "champions";
        }
        if (recency >= 3 && frequency >= 4) {
            return "loyal";
        }
        if (recency >= 4 && frequency >= 2) {
            return "potential-loyalists";
        }
        if (recency == 5) {
            return "new";
        }
        if (recency == 4) {
            return "promising";
        }
        if (recency == 3) {
            return frequency >= 2 ? "need-attention" : "about-to-sleep";
        }
        if (frequency == 5) {
            return "cannot-lose";
        }
        if (frequency >= 3) {
            return "at-risk";
        }
        return frequency == 2 ? "hibernating" : "lost";
    }
}
