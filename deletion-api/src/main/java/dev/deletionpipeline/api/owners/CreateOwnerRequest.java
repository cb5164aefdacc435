package dev.deletionpipeline.api.owners;

import dev.deletionpipeline.api.support.InputPatterns;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/admin/owners}. */
public record CreateOwnerRequest(
        @NotNull
        @Pattern(
                regexp = "[a-z0-9][a-z0-9_.-]{2,39}",
                message = "must be 3-40 characters: lower-case letters, digits and _ . -")
        String handle,

        @Size(max = 200) @Pattern(regexp = InputPatterns.TEXT, message = InputPatterns.TEXT_MESSAGE)
        String displayName) {}
