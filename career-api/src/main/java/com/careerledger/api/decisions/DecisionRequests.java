package com.careerledger.api.decisions;

import com.careerledger.domain.framework.Level;
import com.careerledger.domain.shared.Track;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the decision endpoints. None of them names the decider: that is the authenticated user. */
public final class DecisionRequests {

    /** Written as in the framework; whether the level exists, and on which track, the Person aggregate decides. */

    private DecisionRequests() {
    }

    public record OverrideRequest(@NotBlank @Size(max = 4000) String justification) {
    }

    public record PromotionRequest(@NotBlank @Pattern(regexp = Level.CODE_PATTERN, message = Level.CODE_MESSAGE) String targetLevel,
                                   @NotBlank @Size(max = 4000) String rationale,
                                   @Valid OverrideRequest override) {
    }

    /** @param targetLevel optional: which equivalent level, where the table gives several (M3 ~ IC5 and IC6) */
    public record TrackSwitchRequest(@NotNull Track targetTrack, @NotBlank @Size(max = 4000) String rationale,
                                     @Pattern(regexp = Level.CODE_PATTERN, message = Level.CODE_MESSAGE) String targetLevel) {
    }

    public record LevelCorrectionRequest(@NotBlank @Pattern(regexp = Level.CODE_PATTERN, message = Level.CODE_MESSAGE) String level,
                                         @NotBlank @Size(max = 4000) String reason) {
    }

    public record ManagerRequest(@NotNull java.util.UUID managerId) {
    }
}
