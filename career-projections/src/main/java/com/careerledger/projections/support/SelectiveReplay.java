package com.careerledger.projections.support;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Rebuilds one read model of several that share an event processor. Every read model is fed by one tracking
 * processor (one reading of the event stream, one transaction and one token per batch for all of them: see
 * docs/decisions/0006). To rebuild some of them, the processor's tokens are reset with a <em>replay context</em>
 * naming them ({@link #context}); Axon stores it in the {@link ReplayToken}, so it survives a restart.
 * <ul>
 *     <li>each projection's {@code @ResetHandler} receives the context and empties its tables only if it is
 *     named ({@link #includes});</li>
 *     <li>while the replay runs, this enhancer lets the handlers of the named projections see the replayed
 *     events and skips them for every other projection of the processor, which has them already;</li>
 *     <li>events after the reset point are not replays: every projection handles them.</li>
 * </ul>
 * A replay without a context (a plain {@code resetTokens()}) is delivered to every projection. Handlers of
 * classes without {@link ProcessingGroup} (aggregates, say) are left as they are. Registered through
 * {@code META-INF/services/org.axonframework.messaging.annotation.HandlerEnhancerDefinition}.
 */
public class SelectiveReplay implements HandlerEnhancerDefinition {

    /** The context that names every projection of the processor. */
    public static final String ALL = "*";

    /** The replay context naming these projections (processing groups). */
    public static String context(Collection<String> projections) {
        return projections.contains(ALL) ? ALL : String.join(",", new TreeSet<>(projections));
    }

    /** Parsed contexts: a replay asks for its context on every handler call, and there are only ever a few. */
    private static final Map<String, Set<String>> PARSED = new ConcurrentHashMap<>();

    /** The projections a replay context names ({@code *} for all). */
    public static Set<String> named(String context) {
        if (context == null || context.isBlank()) {
            return Set.of(ALL);
        }
        if (PARSED.size() > 64) {
            PARSED.clear();
        }
        return PARSED.computeIfAbsent(context, c -> {
            Set<String> names = Arrays.stream(c.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .collect(Collectors.toCollection(TreeSet::new));
            return Collections.unmodifiableSet(names);
        });
    }

    /** Whether a replay with this context rebuilds {@code projection}. */
    public static boolean includes(String context, String projection) {
        Set<String> named = named(context);
        return named.contains(ALL) || named.contains(projection);
    }

    /**
     * The projections a processor's token is rebuilding: empty if the token is not a replay token (no rebuild
     * under way), the projections its context names, or every one ({@code *}) for a replay without a context.
     * A replay token stays in place until the processor has passed the reset point, also for the events after
     * it that are not replays; the context is the same throughout.
     */
    public static Set<String> rebuilding(TrackingToken token) {
        if (!(token instanceof ReplayToken)) {
            return Set.of();
        }
        return named(ReplayToken.replayContext(token, String.class).orElse(null));
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        ProcessingGroup group = original.declaringClass().getAnnotation(ProcessingGroup.class);
        return group == null ? original : new Selective<>(original, group.value());
    }

    private static final class Selective<T> extends WrappedMessageHandlingMember<T> {

        private final String projection;

        private Selective(MessageHandlingMember<T> delegate, String projection) {
            super(delegate);
            this.projection = projection;
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            if (message instanceof TrackedEventMessage<?> tracked && ReplayToken.isReplay(tracked)) {
                Set<String> rebuilding = rebuilding(tracked.trackingToken());
                if (!rebuilding.contains(ALL) && !rebuilding.contains(projection)) {
                    return null;
                }
            }
            return super.handle(message, target);
        }
    }
}
