package com.careerledger.api.concurrency;

import com.careerledger.api.concurrency.storage.IdempotencyKeys;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.UUID;

/**
 * Makes an {@code Idempotency-Key} and the command it guards commit together. A command sent by a request with a
 * key carries the key's claim in its metadata; when the command's unit of work commits, in its database
 * transaction, before the transaction commits, the key is marked applied and the command's result recorded
 * ({@link IdempotencyKeys#recordApplied}). A crash after that commit leaves a key that says so: a retry sends the
 * command no second time. A command whose request lost its key to a retry in the meantime is rolled back.
 * Commands sent inside another command's unit of work (the assessment relay's) carry no claim: they commit with
 * the command that caused them.
 */
public class IdempotentCommands implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final IdempotencyKeys keys;
    private final CommandResults results;

    public IdempotentCommands(IdempotencyKeys keys, CommandResults results) {
        this.keys = keys;
        this.results = results;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Object claim = unitOfWork.getMessage().getMetaData().get(IdempotentRequest.CLAIM_METADATA);
        Object index = unitOfWork.getMessage().getMetaData().get(IdempotentRequest.COMMAND_METADATA);
        if (claim != null && index != null) {
            UUID claimId = UUID.fromString(claim.toString());
            int position = Integer.parseInt(index.toString());
            unitOfWork.onPrepareCommit(u -> {
                ResultMessage<?> outcome = u.getExecutionResult() == null ? null : u.getExecutionResult().getResult();
                Object result = outcome == null || outcome.isExceptional() ? null : outcome.getPayload();
                keys.recordApplied(claimId, position, results.record(result));
            });
        }
        return interceptorChain.proceed();
    }
}
