package com.careerledger.domain.quarter;

import java.time.Instant;

/**
 * What logging a piece of evidence stored, as the command's answer: the event as applied (texts stripped, links
 * each once, the level as the framework writes it) and the instant the event store keeps it at, the Win Log's
 * {@code loggedAt}. The API answers with it, so the answer is the stored entry without waiting on a read model.
 */
public record LoggedEvidence(EvidenceLogged evidence, Instant loggedAt) {
}
