package com.careerledger.api.config;

import com.careerledger.api.concurrency.ExpectedVersion;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;


/**
 * Finds a command's target aggregate as Axon's {@link AnnotationCommandTargetResolver} does, and the version the
 * sender expects it to be at in the command's metadata ({@link ExpectedVersion#METADATA_KEY}, from If-Match).
 * With a version, the repository refuses a command whose aggregate is at another version with a
 * {@code ConflictingAggregateVersionException}: at load when the aggregate is older than expected; when it is newer,
 * before the handler runs ({@link VersionCheckFirst}; Axon alone would wait for the commit). Nothing is appended.
 * Creation commands (constructors, create-if-missing) are not versioned: Axon does not ask for their version.
 */
public final class ExpectedVersionTargetResolver implements CommandTargetResolver {

    private final CommandTargetResolver annotations = AnnotationCommandTargetResolver.builder().build();

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        VersionedAggregateIdentifier target = annotations.resolveTarget(command);
        Long expected = ExpectedVersion.of(command.getMetaData());
        return expected == null ? target : new VersionedAggregateIdentifier(target.getIdentifierValue(), expected);
    }

    @Override
    public String toString() {
        return "ExpectedVersionTargetResolver [" + annotations + ", version from metadata '"
                + ExpectedVersion.METADATA_KEY + "']";
    }
}
