package com.careerledger.api.people;

import com.careerledger.domain.framework.Level;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.Track;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.UUID;

public record RegisterPersonRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Email @Size(max = 320) String email,
        @NotNull Discipline discipline,
        @NotNull Track track,
        @NotBlank @Pattern(regexp = Level.CODE_PATTERN, message = Level.CODE_MESSAGE) String level,
        UUID managerId) {
}
