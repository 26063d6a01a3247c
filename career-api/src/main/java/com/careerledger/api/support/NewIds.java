package com.careerledger.api.support;

import com.careerledger.api.concurrency.IdempotentRequest;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Ids of things a request creates (a person, a goal, a piece of evidence, a decision). Random; in a request with an
 * {@code Idempotency-Key}, derived from the request's id instead, so that running the request again after a crash
 * names the same things the first run created (see concurrency/IdempotentRequest).
 */
@Component
public class NewIds {

    public UUID next() {
        return IdempotentRequest.current().map(IdempotentRequest::nextId).orElseGet(UUID::randomUUID);
    }
}
