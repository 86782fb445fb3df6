package org.vafa.club.rules;

import java.util.List;

/** Points a purchase earns, and why — each factor in words, for the receipt and the seller's screen. */
public record Earning(long points, List<String> explanation) {
}
