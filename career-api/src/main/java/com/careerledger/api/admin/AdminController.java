package com.careerledger.api.admin;

import com.careerledger.api.error.Problems;
import com.careerledger.projections.support.Page;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;

/** Operations on read models: where each one is, and rebuilding one from the event store. */
@RestController
@RequestMapping("/api/admin/projections")
public class AdminController {

    private final ProjectionAdmin admin;

    public AdminController(ProjectionAdmin admin) {
        this.admin = admin;
    }

    /**
     * Where each projection is: position in the event store, lag, dead letters and rebuild progress. All in one page,
     * by name. ADMIN only.
     */
    @GetMapping
    public Page<ProjectionStatus> projections() {
        List<ProjectionStatus> all = admin.all();
        return new Page<>(all, 0, Math.max(1, all.size()), all.size());
    }

    /**
     * Where one projection is: position, lag, dead letters and rebuild progress; 404 for an unknown name. ADMIN only.
     */
    @GetMapping("/{name}")
    public ProjectionStatus projection(@PathVariable String name) {
        return admin.one(name);
    }

    /**
     * Starts a rebuild of every read model from the event store, in one reading for all. Answers 202 at once, with the
     * projections' status, and the Location to follow it at. Readers are served the current tables until the rebuilt
     * ones take their place; writes carry on throughout. 409 {@code projection-busy} while another instance runs a
     * rebuild. ADMIN only.
     */
    @PostMapping("/rebuild")
    public ResponseEntity<Page<ProjectionStatus>> rebuildAll() {
        List<ProjectionStatus> all = admin.rebuildAll();
        return ResponseEntity.accepted()
                .location(UriComponentsBuilder.fromPath("/api/admin/projections").build().toUri())
                .body(new Page<>(all, 0, Math.max(1, all.size()), all.size()));
    }

    /**
     * Starts a rebuild of one read model from the event store. Answers 202 at once, with its status, and the Location
     * to follow it at. Readers are served its current tables until the rebuilt ones take their place. A rebuild asked
     * for while another runs joins it (both start again from the first event, unless the running one rebuilds this
     * read model already). 409 {@code projection-not-rebuildable} for a projection updated inside the write
     * transaction, {@code projection-busy} while another instance runs a rebuild; 404 for an unknown name. ADMIN only.
     */
    @PostMapping("/{name}/rebuild")
    public ResponseEntity<ProjectionStatus> rebuild(@PathVariable String name) {
        ProjectionStatus status = admin.rebuild(name);
        return ResponseEntity.accepted()
                .location(UriComponentsBuilder.fromPath("/api/admin/projections/{name}").buildAndExpand(name).toUri())
                .body(status);
    }

    /**
     * Cancels the rebuild under way, if there is one: its tables are dropped and readers keep the current ones, as
     * they were. Answers the projections' status once it has stopped (the read models it was rebuilding show a
     * {@code lastRebuild} with {@code CANCELLED}); with no rebuild under way, the same, and nothing changes. ADMIN
     * only.
     */
    @DeleteMapping("/rebuild")
    public Page<ProjectionStatus> cancelRebuild() {
        List<ProjectionStatus> all = admin.cancelRebuild();
        return new Page<>(all, 0, Math.max(1, all.size()), all.size());
    }

    /** 409, answered as it was when this condition was still told as a rule: the type names it. */
    @ExceptionHandler(ProjectionBusyException.class)
    ProblemDetail busy(ProjectionBusyException e) {
        return Problems.refused("projection-busy", e.getMessage());
    }
}
