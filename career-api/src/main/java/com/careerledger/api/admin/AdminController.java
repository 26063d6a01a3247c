package com.careerledger.api.admin;

import com.careerledger.api.error.Problems;
import com.careerledger.projections.support.Page;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
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

    @GetMapping
    public Page<ProjectionStatus> projections() {
        List<ProjectionStatus> all = admin.all();
        return new Page<>(all, 0, Math.max(1, all.size()), all.size());
    }

    @GetMapping("/{name}")
    public ProjectionStatus projection(@PathVariable String name) {
        return admin.one(name);
    }

    /** 202: a rebuild of every read model has started (one replay for all); follow it at the Location. */
    @PostMapping("/rebuild")
    public ResponseEntity<Page<ProjectionStatus>> rebuildAll() {
        List<ProjectionStatus> all = admin.rebuildAll();
        return ResponseEntity.accepted()
                .location(UriComponentsBuilder.fromPath("/api/admin/projections").build().toUri())
                .body(new Page<>(all, 0, Math.max(1, all.size()), all.size()));
    }

    /** 202: the rebuild has started; follow it at the Location. */
    @PostMapping("/{name}/rebuild")
    public ResponseEntity<ProjectionStatus> rebuild(@PathVariable String name) {
        ProjectionStatus status = admin.rebuild(name);
        return ResponseEntity.accepted()
                .location(UriComponentsBuilder.fromPath("/api/admin/projections/{name}").buildAndExpand(name).toUri())
                .body(status);
    }

    /** 409, answered as it was when this condition was still told as a rule: the type names it. */
    @ExceptionHandler(ProjectionBusyException.class)
    ProblemDetail busy(ProjectionBusyException e) {
        return Problems.refused("projection-busy", e.getMessage());
    }
}
