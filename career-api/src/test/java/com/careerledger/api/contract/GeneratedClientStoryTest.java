package com.careerledger.api.contract;

import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.QuarterDates;
import com.careerledger.client.api.AccountsApi;
import com.careerledger.client.api.AdminApi;
import com.careerledger.client.api.DecisionsApi;
import com.careerledger.client.api.FrameworkApi;
import com.careerledger.client.api.HistoryApi;
import com.careerledger.client.api.PeopleApi;
import com.careerledger.client.api.PerformanceHistoryApi;
import com.careerledger.client.api.PromotionsApi;
import com.careerledger.client.api.QuartersApi;
import com.careerledger.client.api.ReadinessApi;
import com.careerledger.client.api.StatsApi;
import com.careerledger.client.api.TimelineApi;
import com.careerledger.client.api.WinLogApi;
import com.careerledger.client.invoker.ApiClient;
import com.careerledger.client.invoker.ApiException;
import com.careerledger.client.invoker.ApiResponse;
import com.careerledger.client.model.AccountRequest;
import com.careerledger.client.model.AccountView;
import com.careerledger.client.model.AssessmentRequest;
import com.careerledger.client.model.AuditedDecision;
import com.careerledger.client.model.BasisQuarter;
import com.careerledger.client.model.DecisionKind;
import com.careerledger.client.model.DecisionView;
import com.careerledger.client.model.Dimension;
import com.careerledger.client.model.Discipline;
import com.careerledger.client.model.EvidenceRequest;
import com.careerledger.client.model.EvidenceView;
import com.careerledger.client.model.FeedbackRelationship;
import com.careerledger.client.model.FeedbackRequest;
import com.careerledger.client.model.FeedbackView;
import com.careerledger.client.model.FrameworkView;
import com.careerledger.client.model.GoalRequest;
import com.careerledger.client.model.GoalStatus;
import com.careerledger.client.model.GoalView;
import com.careerledger.client.model.LevelView;
import com.careerledger.client.model.ManagerRequest;
import com.careerledger.client.model.OpenQuarterRequest;
import com.careerledger.client.model.Outcome;
import com.careerledger.client.model.OrgStats;
import com.careerledger.client.model.PageAuditedDecision;
import com.careerledger.client.model.PageEvidenceView;
import com.careerledger.client.model.PagePersonView;
import com.careerledger.client.model.PageProjectionStatus;
import com.careerledger.client.model.PageQuarterSummary;
import com.careerledger.client.model.PageStoredEvent;
import com.careerledger.client.model.PageTimelineEntry;
import com.careerledger.client.model.PerformanceHistory;
import com.careerledger.client.model.PersonAsOf;
import com.careerledger.client.model.PersonView;
import com.careerledger.client.model.ProgressRequest;
import com.careerledger.client.model.ProjectionStatus;
import com.careerledger.client.model.PromotionRequest;
import com.careerledger.client.model.QuarterLine;
import com.careerledger.client.model.QuarterStatus;
import com.careerledger.client.model.QuarterSummary;
import com.careerledger.client.model.QuarterView;
import com.careerledger.client.model.Readiness;
import com.careerledger.client.model.RegisterPersonRequest;
import com.careerledger.client.model.Role;
import com.careerledger.client.model.StoredEvent;
import com.careerledger.client.model.TimelineEntry;
import com.careerledger.client.model.Track;
import com.fasterxml.jackson.databind.DeserializationFeature;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A whole career told through a client generated from docs/openapi.json at build time (openapi-generator's Java
 * client, package com.careerledger.client): register, quarters, goals, evidence, feedback, assessments, a promotion,
 * then every read model. No hand-written DTO and no JSON: what the generated types cannot say, or cannot read from
 * what the server sends, the document gets wrong. Read models lag the writes: their reads poll.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GeneratedClientStoryTest {

    /** Two consecutive past quarters (2026-Q4 cannot be assessed before its last weeks). */
    private static final String Q1 = "2026-Q1";
    private static final String Q2 = "2026-Q2";

    @LocalServerPort
    int port;

    @Test
    void a_career_from_registration_to_promotion_and_every_read_model() throws ApiException {
        ApiClient admin = client("admin", Http.ADMIN_PASSWORD);
        PeopleApi people = new PeopleApi(admin);
        QuartersApi quarters = new QuartersApi(admin);
        DecisionsApi decisions = new DecisionsApi(admin);

        // --- people ----------------------------------------------------------------------------------------------
        // a retry with the same Idempotency-Key and body answers the first result and registers no one again
        RegisterPersonRequest mara = new RegisterPersonRequest().name("Mara Manager")
                .email("mara-" + UUID.randomUUID() + "@example.com")
                .discipline(Discipline.ENGINEERING).track(Track.MANAGER).level("M1");
        String registration = UUID.randomUUID().toString();
        PersonView manager = people.register(mara, registration);
        assertThat(people.register(mara, registration)).isEqualTo(manager);
        PersonView ada = people.register(new RegisterPersonRequest().name("Ada Generated")
                .email("ada-" + UUID.randomUUID() + "@example.com")
                .discipline(Discipline.ENGINEERING).track(Track.IC).level("IC2"), null);
        assertThat(ada.getLevel()).isEqualTo("IC2");
        assertThat(ada.getTrack()).isEqualTo(Track.IC);
        assertThat(ada.getManagerId()).isNull();
        UUID id = ada.getId();
        // a conditional write: If-Match with the ETag the person's GET answered; once applied, that ETag is stale
        ApiResponse<PersonView> read = people.getPersonWithHttpInfo(id);
        String etag = read.getHeaders().get("ETag").get(0);
        PersonView managed = people.assignManager(id, new ManagerRequest().managerId(manager.getId()), etag);
        assertThat(managed.getManagerId()).isEqualTo(manager.getId());
        assertThatThrownBy(() -> people.assignManager(id, new ManagerRequest().managerId(manager.getId()), etag))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(409));

        // --- two quarters at the next level -----------------------------------------------------------------------
        for (String quarter : List.of(Q1, Q2)) {
            QuarterView opened = quarters.open(id, new OpenQuarterRequest().quarter(quarter), null, null);
            assertThat(opened.getStatus()).isEqualTo(QuarterStatus.OPEN);
            assertThat(opened.getLevelHeld()).isEqualTo("IC2");
            assertThat(opened.getAssessment()).isNull();

            GoalView goal = quarters.setGoal(id, quarter, new GoalRequest().title("Lead the API redesign")
                    .description("Across three teams").dimension(Dimension.SCOPE)
                    .measure("Adopted by 3 teams"), null, null);
            GoalView progressed = quarters.progress(id, quarter, goal.getGoalId(), new ProgressRequest()
                    .status(GoalStatus.ON_TRACK).note("Design approved"), null, null);
            assertThat(progressed.getProgress().getStatus()).isEqualTo(GoalStatus.ON_TRACK);

            EvidenceView evidence = quarters.logEvidence(id, quarter, new EvidenceRequest()
                    .title("Led the redesign in " + quarter).description("End to end").impact("p95 800 ms to 180 ms")
                    .dimension(Dimension.IMPACT).demonstratesLevel("IC3")
                    .goalId(goal.getGoalId()).occurredOn(LocalDate.parse(QuarterDates.occurredOn(quarter))), null, null);
            assertThat(evidence.getQuarter()).isEqualTo(quarter);
            assertThat(evidence.getRetracted()).isFalse();

            FeedbackView feedback = quarters.feedback(id, quarter, new FeedbackRequest()
                    .relationship(FeedbackRequest.RelationshipEnum.PEER).text("Unblocked three teams")
                    .signalsLevel("IC3"), null, null);
            assertThat(feedback.getSignalsLevel()).isEqualTo("IC3");

            QuarterView assessed = quarters.assess(id, quarter, new AssessmentRequest().operatingLevel("IC3")
                    .rationale("Operated at IC3"), null, null);
            assertThat(assessed.getStatus()).isEqualTo(QuarterStatus.ASSESSED);
            assertThat(assessed.getAssessment().getOperatingLevel()).isEqualTo("IC3");
            assertThat(assessed.getAssessment().getAtNextLevel()).isTrue();
        }

        // --- ready, then promoted ---------------------------------------------------------------------------------
        ReadinessApi readiness = new ReadinessApi(admin);
        PagePersonView board = Eventually.await("Ada on her manager's readiness board",
                () -> call(() -> readiness.ready(manager.getId(), "IC2", 0, 50)), p -> p.getItems().size() == 1);
        assertThat(board.getItems().get(0).getId()).isEqualTo(id);
        assertThat(board.getItems().get(0).getReadiness()).isEqualTo(Readiness.READY);

        DecisionView promotion = decisions.promote(id, new PromotionRequest().targetLevel("IC3")
                .rationale("Sustained IC3 impact"), null, null);
        assertThat(promotion.getKind()).isEqualTo(DecisionKind.PROMOTION);
        assertThat(promotion.getFrom()).isEqualTo("IC2");
        assertThat(promotion.getTo()).isEqualTo("IC3");
        assertThat(promotion.getOverride()).isNull();
        assertThat(promotion.getBasis()).extracting(Outcome::getQuarter).containsExactly(Q1, Q2);
        assertThat(promotion.getBasis()).extracting(Outcome::getOperatingLevel).containsOnly("IC3");
        assertThat(promotion.getPolicy().getRequiredQuarters()).isEqualTo(2);
        assertThat(promotion.getFramework().getHash()).isNotBlank();

        // --- read models ------------------------------------------------------------------------------------------
        PersonView person = people.getPerson(id);
        assertThat(person.getLevel()).isEqualTo("IC3");
        assertThat(person.getManagerId()).isEqualTo(manager.getId());

        PagePersonView filtered = Eventually.await("Ada in the directory at IC3",
                () -> call(() -> people.listPeople(Track.IC, "IC3", manager.getId(), Readiness.NOT_YET, 0, 10)),
                p -> p.getItems().size() == 1);
        assertThat(filtered.getItems().get(0).getId()).isEqualTo(id);
        assertThat(filtered.getSize()).isEqualTo(10);

        PageQuarterSummary quarterList = quarters.listQuarters(id, 0, 10);
        assertThat(quarterList.getItems()).extracting(QuarterSummary::getQuarter).containsExactly(Q2, Q1);
        assertThat(quarterList.getItems()).extracting(QuarterSummary::getOperatingLevel).containsOnly("IC3");
        QuarterView q1 = quarters.getQuarter(id, Q1);
        assertThat(q1.getAssessment().getOperatingLevel()).isEqualTo("IC3");
        assertThat(q1.getGoals()).hasSize(1);
        assertThat(q1.getEvidence()).extracting(EvidenceView::getDemonstratesLevel).containsExactly("IC3");
        assertThat(q1.getFeedback()).extracting(FeedbackView::getRelationship)
                .containsExactly(FeedbackRelationship.PEER);

        TimelineApi timeline = new TimelineApi(admin);
        PageTimelineEntry entries = Eventually.await("the promotion on the timeline",
                () -> call(() -> timeline.timeline(id, 0, 200)),
                p -> p.getItems().stream().anyMatch(e -> "LevelChanged".equals(e.getType())));
        assertThat(entries.getItems()).extracting(TimelineEntry::getType).contains("PersonRegistered");

        PerformanceHistoryApi performance = new PerformanceHistoryApi(admin);
        PerformanceHistory history = Eventually.await("the promotion in the performance history",
                () -> call(() -> performance.performanceHistory(id)), h -> "IC3".equals(h.getLevel()));
        assertThat(history.getNextLevel()).isEqualTo("IC4");
        assertThat(history.getQuarters()).extracting(QuarterLine::getQuarter).contains(Q1, Q2);
        assertThat(history.getNextLevelStreak()).isZero();
        assertThat(history.getTenure().getUsedInDecisions()).isFalse();
        assertThat(history.getReadiness().getStatus()).isEqualTo(Readiness.NOT_YET);

        WinLogApi winLog = new WinLogApi(admin);
        PageEvidenceView wins = Eventually.await("both wins in the Win Log",
                () -> call(() -> winLog.winLog(id, Dimension.IMPACT, "IC3", 0, 10)), p -> p.getTotal() == 2);
        assertThat(wins.getItems()).extracting(EvidenceView::getQuarter).containsExactlyInAnyOrder(Q1, Q2);

        HistoryApi historyApi = new HistoryApi(admin);
        PersonAsOf now = historyApi.history(id, OffsetDateTime.now(ZoneOffset.UTC));
        assertThat(now.getLevel()).isEqualTo("IC3");
        assertThat(now.getQuarters()).hasSize(2);
        PersonAsOf beforePromotion = historyApi.history(id, promotion.getDecidedAt().minusNanos(1_000));
        assertThat(beforePromotion.getLevel()).isEqualTo("IC2");
        assertThat(beforePromotion.getQuarters().get(1).getAssessment().getOperatingLevel()).isEqualTo("IC3");

        PageStoredEvent events = historyApi.events(id, 0, 200);
        assertThat(events.getItems()).extracting(StoredEvent::getType)
                .contains("PersonRegistered", "QuarterAssessed", "LevelChanged");

        PromotionsApi promotions = new PromotionsApi(admin);
        PageAuditedDecision audit = Eventually.await("the promotion in the audit",
                () -> call(() -> promotions.listDecisions(id, OffsetDateTime.parse("2000-01-01T00:00:00Z"),
                        OffsetDateTime.parse("2999-01-01T00:00:00Z"), 0, 10)),
                p -> p.getItems().size() == 1);
        assertThat(audit.getItems().get(0).getDecisionId()).isEqualTo(promotion.getDecisionId());
        AuditedDecision one = promotions.getDecision(promotion.getDecisionId());
        assertThat(one.getFrom()).isEqualTo("IC2");
        assertThat(one.getTo()).isEqualTo("IC3");
        assertThat(one.getBasisStillHolds()).isTrue();
        assertThat(one.getBasis()).extracting(BasisQuarter::getQuarter).containsExactly(Q1, Q2);
        assertThat(one.getBasis().get(0).getEvidence()).hasSize(1);

        StatsApi statsApi = new StatsApi(admin);
        OrgStats stats = Eventually.await("the promotion in the stats", () -> call(statsApi::stats),
                s -> !s.getPromotionsPerQuarter().isEmpty());
        assertThat(stats.getLevelDistribution()).anySatisfy(c -> {
            assertThat(c.getTrack()).isEqualTo(Track.IC);
            assertThat(c.getLevel()).isEqualTo("IC3");
        });
        assertThat(stats.getRequiredQuarters()).isEqualTo(2);

        AdminApi adminApi = new AdminApi(admin);
        PageProjectionStatus projections = adminApi.projections();
        assertThat(projections.getItems()).extracting(ProjectionStatus::getName)
                .contains("directory", "timeline", "stats");
        ProjectionStatus statsProjection = adminApi.projection("stats");
        assertThat(statsProjection.getName()).isEqualTo("stats");

        FrameworkApi framework = new FrameworkApi(admin);
        FrameworkView ladder = framework.framework();
        assertThat(ladder.getLevels()).extracting(LevelView::getCode).contains("IC2", "IC3", "M1");
        assertThat(ladder.getPolicy().getRequiredQuarters()).isEqualTo(2);
        LevelView ic3 = framework.level("IC3");
        assertThat(ic3.getTrack()).isEqualTo(Track.IC);
        assertThat(ic3.getTitles()).containsKeys("ENGINEERING", "PRODUCT");
        assertThatThrownBy(() -> framework.level("XX9"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));

        // --- accounts ---------------------------------------------------------------------------------------------
        AccountsApi accounts = new AccountsApi(admin);
        String username = "ada-" + Long.toString(System.nanoTime(), 36);
        AccountView created = accounts.create(new AccountRequest().username(username)
                .password("generated-client-password-1").roles(List.of(Role.EMPLOYEE)).personId(id), null);
        assertThat(created.getRoles()).containsExactly(Role.EMPLOYEE);
        assertThat(created.getPersonId()).isEqualTo(id);
        assertThat(accounts.one(created.getId()).getUsername()).isEqualTo(username);
        AccountView me = accounts.me();
        assertThat(me.getUsername()).isEqualTo("admin");
        assertThat(me.getRoles()).contains(Role.ADMIN);
        assertThat(me.getPersonId()).isNull();
        AccountView adaHerself = new AccountsApi(client(username, "generated-client-password-1")).me();
        assertThat(adaHerself.getId()).isEqualTo(created.getId());
        assertThat(adaHerself.getPersonId()).isEqualTo(id);
    }

    /**
     * A generated client against this server, signing in with Basic authentication. Its reader refuses a field the
     * document does not name (the generator's default ignores it): every field the server sends is documented.
     */
    private ApiClient client(String username, String password) {
        ApiClient client = new ApiClient(ApiClient.createDefaultHttpClientBuilder(),
                ApiClient.createDefaultObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES),
                "http://127.0.0.1:" + port);
        client.setRequestInterceptor(request -> request.header("Authorization", Http.basic(username, password)));
        return client;
    }

    @FunctionalInterface
    private interface Call<T> {
        T call() throws ApiException;
    }

    /** A call through the generated client inside a poll: an error answer fails the test with its body. */
    private static <T> T call(Call<T> call) {
        try {
            return call.call();
        } catch (ApiException e) {
            throw new AssertionError(e.getCode() + " " + e.getResponseBody(), e);
        }
    }
}
