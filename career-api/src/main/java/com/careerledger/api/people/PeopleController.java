package com.careerledger.api.people;

import com.careerledger.api.security.Access;
import com.careerledger.api.support.Commands;
import com.careerledger.api.support.NewIds;
import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.framework.Level;
import com.careerledger.domain.framework.LevelCode;
import com.careerledger.api.decisions.DecisionRequests;
import com.careerledger.domain.person.AssignManager;
import com.careerledger.domain.person.RegisterPerson;
import com.careerledger.domain.person.SustainedPerformancePolicy.Readiness;
import com.careerledger.domain.shared.NotFoundException;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.directory.DirectoryEntry;
import com.careerledger.projections.directory.DirectoryFilter;
import com.careerledger.projections.directory.DirectoryQueries;
import com.careerledger.projections.support.Page;
import com.careerledger.projections.support.ReadYourWrites;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.UUID;

/** People: registration and the directory (write side: the Person aggregate; read side: the directory). */
@RestController
@RequestMapping("/api/people")
public class PeopleController {

    private final Access access;

    private final Commands commands;
    private final DirectoryQueries directory;
    private final ReadYourWrites readYourWrites;
    private final CareerFramework framework;
    private final NewIds ids;

    public PeopleController(Commands commands, DirectoryQueries directory, ReadYourWrites readYourWrites,
                            CareerFramework framework, Access access, NewIds ids) {
        this.ids = ids;
        this.access = access;
        this.commands = commands;
        this.directory = directory;
        this.readYourWrites = readYourWrites;
        this.framework = framework;
    }

    /**
     * Registers a person at a level of their track, optionally under a manager. ADMIN only. Answers 201 with Location
     * and ETag; 409 {@code email-already-registered} when the e-mail is taken, 404 when the manager does not exist.
     */
    @PostMapping
    public ResponseEntity<PersonView> register(@Valid @RequestBody RegisterPersonRequest request) {
        UUID personId = ids.next();
        commands.send(new RegisterPerson(personId, request.name(), request.email(), request.discipline(),
                request.track(), LevelCode.of("level", request.level()), request.managerId()));
        PersonView view = current(personId);
        return ResponseEntity
                .created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(personId).toUri())
                .eTag(String.valueOf(view.version()))
                .body(view);
    }

    /**
     * One person, with their version as ETag (for If-Match). Read-your-writes: a write to the person that has returned
     * is shown. The person, their managers (direct and indirect), the committee and admins; anyone else gets 404.
     */
    @GetMapping("/{personId}")
    public ResponseEntity<PersonView> getPerson(@PathVariable UUID personId) {
        access.requireVisible(personId);
        PersonView view = current(personId);
        return ResponseEntity.ok().eTag(String.valueOf(view.version())).body(view);
    }

    /**
     * Sets a person's manager; answers the person with their new ETag. ADMIN only. 409 {@code self-management} or
     * {@code management-cycle} when the reporting line would loop; 404 when the manager does not exist.
     */
    @PutMapping("/{personId}/manager")
    public ResponseEntity<PersonView> assignManager(@PathVariable UUID personId,
                                                    @Valid @RequestBody DecisionRequests.ManagerRequest request) {
        commands.send(new AssignManager(personId, request.managerId()));
        PersonView view = current(personId);
        return ResponseEntity.ok().eTag(String.valueOf(view.version())).body(view);
    }

    /**
     * The directory: people by name, paged, filtered by track, level, direct manager and readiness. Only the people the
     * caller may see: admins and the committee everyone, a manager themself and everyone below them, anyone else
     * themself. May lag writes by about a second.
     */
    @GetMapping
    public Page<PersonView> listPeople(@RequestParam(required = false) Track track,
                                       @RequestParam(required = false)
                                       @Pattern(regexp = Level.CODE_PATTERN, message = Level.CODE_MESSAGE) String level,
                                       @RequestParam(required = false) UUID managerId,
                                       @RequestParam(required = false) Readiness readiness,
                                       @RequestParam(defaultValue = "0") @Min(0) int page,
                                       @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return directory.search(new DirectoryFilter(track, level, managerId,
                        readiness == null ? null : readiness.name(),
                        access.visiblePeople().orElse(null)), page, size)
                .map(e -> PersonView.of(e, framework));
    }

    private PersonView current(UUID personId) {
        return readYourWrites.read(personId.toString(), () -> directory.find(personId), DirectoryEntry::version)
                .map(e -> PersonView.of(e, framework))
                .orElseThrow(() -> new NotFoundException("person " + personId + " does not exist"));
    }
}
