package com.careerledger.api.deadletters;

import com.careerledger.projections.support.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * The read models' dead letters, for operators (ADMIN, like everything under {@code /api/admin}): events a read
 * model failed to handle, with the later events of the same person parked behind them; retry them, or evict one
 * with a reason. See docs/operations.md.
 */
@RestController
@Validated
@RequestMapping("/api/admin/dead-letters")
public class DeadLettersController {

    /** Why an operator removes a dead letter without handling it; it goes into the audit trail. */
    public record EvictionRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    private final DeadLetters deadLetters;

    public DeadLettersController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** The parked events, oldest first; {@code person} and {@code readModel} narrow the list. */
    @GetMapping
    public Page<DeadLetters.DeadLetterView> listDeadLetters(@RequestParam(required = false) UUID person,
                                                            @RequestParam(required = false) @Size(max = 255) String readModel,
                                                            @RequestParam(defaultValue = "0") @Min(0) int page,
                                                            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return deadLetters.list(person == null ? null : person.toString(), readModel, page, size);
    }

    /**
     * Handles again, oldest first, the parked events of this dead letter's person for its read model, each as the
     * event store holds it now; stops at the first that fails again. Answers when done.
     */
    @PostMapping("/{id}/retry")
    public DeadLetters.RetryResult retry(@PathVariable UUID id) {
        return deadLetters.retry(id.toString());
    }

    /** Retries every person's parked events, once each. Answers when done. */
    @PostMapping("/retry")
    public DeadLetters.RetryResult retryAll() {
        return deadLetters.retryAll();
    }

    /**
     * Removes one dead letter without handling it: its read model will not have that event until it is rebuilt.
     * Recorded as a {@code DeadLetterEvicted} event by the authenticated operator.
     */
    @PostMapping("/{id}/eviction")
    public DeadLetters.Eviction evict(@PathVariable UUID id, @Valid @RequestBody EvictionRequest request) {
        return deadLetters.evict(id.toString(), request.reason());
    }
}
