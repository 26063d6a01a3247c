package com.careerledger.api.concurrency;

import com.careerledger.api.concurrency.storage.IdempotencyKeys;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code Idempotency-Key} claim of the current request, set by {@link IdempotencyFilter} as a request attribute.
 * Commands the request sends carry the claim in their metadata ({@link #CLAIM_METADATA}, {@link #COMMAND_METADATA}),
 * so their transaction marks the key applied ({@link IdempotentCommands}). When the request runs again after a first
 * run applied its commands and died before answering, the commands' recorded results stand in for them, and the ids
 * the request makes up ({@link #nextId()}) are the ones the first run made up.
 */
public final class IdempotentRequest {

    /** Command metadata: the claim id of the request that sent the command. */
    public static final String CLAIM_METADATA = "idempotencyClaim";
    /** Command metadata: which of the request's commands this is, from 0. */
    public static final String COMMAND_METADATA = "idempotencyCommand";

    static final String ATTRIBUTE = IdempotentRequest.class.getName();

    private final UUID claimId;
    private final UUID requestId;
    private final List<CommandResults.Recorded> recorded;
    private int commands;
    private int ids;

    IdempotentRequest(IdempotencyKeys.Claimed claim) {
        this.claimId = claim.id();
        this.requestId = claim.requestId();
        this.recorded = claim.results();
    }

    /** The claim of the HTTP request being served on this thread, if it has an Idempotency-Key. */
    public static Optional<IdempotentRequest> current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes != null
                && attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof IdempotentRequest r
                ? Optional.of(r) : Optional.empty();
    }

    public UUID claimId() {
        return claimId;
    }

    /** The position of the next command the request sends. */
    public synchronized int nextCommand() {
        return commands++;
    }

    /** The result recorded for the request's {@code index}-th command by an earlier run, if that one applied it. */
    public Optional<CommandResults.Recorded> recorded(int index) {
        return index < recorded.size() ? Optional.of(recorded.get(index)) : Optional.empty();
    }

    /** A new id, the same in each run of this request (name-based on the request's id, which only the server knows). */
    public synchronized UUID nextId() {
        return UUID.nameUUIDFromBytes((requestId + "#" + ids++).getBytes(StandardCharsets.UTF_8));
    }
}
