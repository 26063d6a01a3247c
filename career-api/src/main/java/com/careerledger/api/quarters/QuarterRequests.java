package com.careerledger.api.quarters;

import com.careerledger.api.web.PastDate;
import com.careerledger.domain.framework.Level;
import com.careerledger.domain.quarter.Dimension;
import com.careerledger.domain.quarter.FeedbackRelationship;
import com.careerledger.domain.quarter.GoalStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.UUID;

/** Request bodies of the quarter endpoints, validated at the edge (the aggregate checks again). */
public final class QuarterRequests {

    static final String QUARTER = "^\\d{4}-Q[1-4]$";

    private QuarterRequests() {
    }

    public record OpenQuarterRequest(@NotBlank @Pattern(regexp = QUARTER, message = "must be written YYYY-Qn, e.g. 2026-Q3") String quarter) {
    }

    public record GoalRequest(@NotBlank @Size(max = 200) String title,
                              @Size(max = 4000) String description,
                              @NotNull Dimension dimension,
                              @NotBlank @Size(max = 1000) String measure) {
    }

    public record ReasonRequest(@NotBlank @Size(max = 4000) String reason) {
    }

    public record ProgressRequest(@NotNull GoalStatus status, @Size(max = 4000) String note) {
    }

    public record EvidenceRequest(@NotBlank @Size(max = 200) String title,
                                  @Size(max = 4000) String description,
                                  @NotBlank @Size(max = 4000) String impact,
                                  @NotNull Dimension dimension,
                                  @NotBlank @Pattern(regexp = Level.CODE_PATTERN, message = Level.CODE_MESSAGE) String demonstratesLevel,
                                  UUID goalId,
                                  @Size(max = 2000) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") String link,
                                  @Size(max = 10) java.util.List<@NotBlank @Size(max = 2000) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") String> links,
                                  @NotNull @PastDate LocalDate occurredOn) {

        /** {@code link} (the first contract version's one link) and {@code links}, in that order, each once. */
        public java.util.List<String> allLinks() {
            java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
            if (link != null && !link.isBlank()) {
                all.add(link.strip());
            }
            if (links != null) {
                links.stream().filter(java.util.Objects::nonNull).map(String::strip).forEach(all::add);
            }
            return java.util.List.copyOf(all);
        }
    }

    /** {@code relationship} is optional: it follows from who is calling (see Access#feedbackRelationship). */
    public record FeedbackRequest(FeedbackRelationship relationship,
                                  @NotBlank @Size(max = 4000) String text,
                                  @Pattern(regexp = Level.CODE_PATTERN, message = Level.CODE_MESSAGE) String signalsLevel) {
    }

    public record AssessmentRequest(@NotBlank @Pattern(regexp = Level.CODE_PATTERN, message = Level.CODE_MESSAGE) String operatingLevel,
                                    @NotBlank @Size(max = 4000) String rationale) {
    }
}
