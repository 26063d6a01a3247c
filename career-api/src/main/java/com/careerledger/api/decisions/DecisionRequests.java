package com.careerledger.api.decisions;

import com.careerledger.domain.shared.Track;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the decision endpoints. None of them names the decider: that is the authenticated user. */
public final class DecisionRequests {

    private DecisionRequests() {
    }

    public record OverrideRequest(@NotBlank @Size(max = 4000) String justification) {
    }

    public record PromotionRequest(@NotBlank @Size(max = 16) String targetLevel,
                                   @NotBlank @Size(max = 4000) String rationale,
                                   @Valid OverrideRequest override) {
    }

    public record TrackSwitchRequest(@NotNull Track targetTrack, @NotBlank @Size(max = 4000) String rationale) {
    }

    public record LevelCorrectionRequest(@NotBlank @Size(max = 16) String level,
                                         @NotBlank @Size(max = 4000) String reason) {
    }

    public record ManagerRequest(@NotNull java.util.UUID managerId) {
    }
}
