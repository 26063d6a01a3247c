package com.careerledger.api.config;

import com.careerledger.domain.framework.FrameworkRef;
import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.framework.PromotionPolicy;
import com.careerledger.domain.person.BasisChange;
import com.careerledger.domain.person.DecisionBasisChanged;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.person.QuarterOutcomeRecorded;
import com.careerledger.domain.person.QuarterOutcomeWithdrawn;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.quarter.Dimension;
import com.careerledger.domain.quarter.EvidenceLogged;
import com.careerledger.domain.quarter.EvidenceRetracted;
import com.careerledger.domain.quarter.FeedbackRecorded;
import com.careerledger.domain.quarter.FeedbackRelationship;
import com.careerledger.domain.quarter.GoalDropped;
import com.careerledger.domain.quarter.GoalProgressed;
import com.careerledger.domain.quarter.GoalRevised;
import com.careerledger.domain.quarter.GoalSet;
import com.careerledger.domain.quarter.GoalStatus;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.quarter.QuarterMovedToTrack;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.quarter.QuarterReopened;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.Track;
import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events carry {@link LevelCode} and {@link YearQuarter} where they carried text, and the event store must not
 * notice: each is written, by the serializer the event store uses, to exactly the JSON the text fields wrote (the
 * fixtures below are that JSON, as stored before), and that JSON reads back to the same event, absent levels as
 * null. So no event needed a new revision and no upcaster.
 */
class StoredEventJsonTest {

    private static final Serializer EVENTS = JacksonSerializer.builder()
            .objectMapper(AxonConfiguration.axonObjectMapper()).build();

    private static final UUID P = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID X = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID Y = UUID.fromString("00000000-0000-0000-0000-00000000000c");
    private static final YearQuarter Q = YearQuarter.parse("2026-Q1");
    private static final Instant AT = Instant.parse("2026-07-01T10:00:00Z");

    static Stream<Arguments> storedEvents() {
        return Stream.of(
                stored(new QuarterOpened(P, Q, Track.IC, level("IC2"), level("IC3")),
                        "{'personId':'%P','quarter':'2026-Q1','track':'IC','levelHeld':'IC2','targetLevel':'IC3'}"),
                stored(new QuarterOpened(P, Q, Track.IC, level("IC7"), null),
                        "{'personId':'%P','quarter':'2026-Q1','track':'IC','levelHeld':'IC7','targetLevel':null}"),
                stored(new GoalSet(P, Q, X, "Launch", null, Dimension.IMPACT, "revenue", level("IC3")),
                        "{'personId':'%P','quarter':'2026-Q1','goalId':'%X','title':'Launch','description':null,"
                                + "'dimension':'IMPACT','measure':'revenue','targetLevel':'IC3'}"),
                stored(new GoalRevised(P, Q, X, "Launch twice", "d", Dimension.SCOPE, "m"),
                        "{'personId':'%P','quarter':'2026-Q1','goalId':'%X','title':'Launch twice','description':'d',"
                                + "'dimension':'SCOPE','measure':'m'}"),
                stored(new GoalProgressed(P, Q, X, GoalStatus.ON_TRACK, "fine"),
                        "{'personId':'%P','quarter':'2026-Q1','goalId':'%X','status':'ON_TRACK','note':'fine'}"),
                stored(new GoalDropped(P, Q, X, "no budget"),
                        "{'personId':'%P','quarter':'2026-Q1','goalId':'%X','reason':'no budget'}"),
                stored(new EvidenceLogged(P, Q, X, "Shipped", null, "fast", Dimension.CRAFT, level("IC3"), Y,
                                List.of("https://a.example"), LocalDate.parse("2026-02-10")),
                        "{'personId':'%P','quarter':'2026-Q1','evidenceId':'%X','title':'Shipped','description':null,"
                                + "'impact':'fast','dimension':'CRAFT','demonstratesLevel':'IC3','goalId':'%Y',"
                                + "'links':['https://a.example'],'occurredOn':'2026-02-10'}"),
                stored(new EvidenceRetracted(P, Q, X, "wrong"),
                        "{'personId':'%P','quarter':'2026-Q1','evidenceId':'%X','reason':'wrong'}"),
                stored(new FeedbackRecorded(P, Q, X, FeedbackRelationship.PEER, "great", level("IC3"), "kim"),
                        "{'personId':'%P','quarter':'2026-Q1','feedbackId':'%X','relationship':'PEER','text':'great',"
                                + "'signalsLevel':'IC3','givenBy':'kim'}"),
                stored(new FeedbackRecorded(P, Q, X, FeedbackRelationship.MANAGER, "ok", null, "lee"),
                        "{'personId':'%P','quarter':'2026-Q1','feedbackId':'%X','relationship':'MANAGER','text':'ok',"
                                + "'signalsLevel':null,'givenBy':'lee'}"),
                stored(new QuarterAssessed(P, Q, X, level("IC3"), level("IC2"), level("IC3"), true, "shipped", "lee", Y),
                        "{'personId':'%P','quarter':'2026-Q1','assessmentId':'%X','operatingLevel':'IC3',"
                                + "'levelHeld':'IC2','targetLevel':'IC3','atNextLevel':true,'rationale':'shipped',"
                                + "'assessedBy':'lee','amendsAssessmentId':'%Y'}"),
                stored(new QuarterMovedToTrack(P, Q, X, Track.IC, Track.MANAGER, level("IC4"), level("M1"),
                                level("IC5"), level("M2")),
                        "{'personId':'%P','quarter':'2026-Q1','decisionId':'%X','fromTrack':'IC','toTrack':'MANAGER',"
                                + "'previousLevelHeld':'IC4','levelHeld':'M1','previousTargetLevel':'IC5',"
                                + "'targetLevel':'M2'}"),
                stored(new QuarterReopened(P, Q, "late evidence", "lee", X),
                        "{'personId':'%P','quarter':'2026-Q1','reason':'late evidence','reopenedBy':'lee',"
                                + "'previousAssessmentId':'%X'}"),
                stored(new PersonRegistered(P, "Ada", "ada@example.com", Discipline.ENGINEERING, Track.IC, level("IC2"), X),
                        "{'personId':'%P','name':'Ada','email':'ada@example.com','discipline':'ENGINEERING',"
                                + "'track':'IC','level':'IC2','managerId':'%X'}"),
                stored(new LevelChanged(P, X, DecisionKind.PROMOTION, level("IC2"), level("IC3"),
                                List.of(new QuarterOutcome(Q, level("IC3"), Y)), new PromotionPolicy(2),
                                new FrameworkRef("ladder", 1, "h"), "ready", null, "lee", AT),
                        "{'personId':'%P','decisionId':'%X','kind':'PROMOTION','fromLevel':'IC2','toLevel':'IC3',"
                                + "'basis':[{'quarter':'2026-Q1','operatingLevel':'IC3','assessmentId':'%Y',"
                                + "'mappedFrom':null}],'policy':{'requiredQuarters':2},"
                                + "'framework':{'id':'ladder','version':1,'hash':'h'},'rationale':'ready',"
                                + "'override':null,'decidedBy':'lee','decidedAt':'2026-07-01T10:00:00Z'}"),
                stored(new TrackSwitched(P, X, Track.IC, level("IC4"), Track.MANAGER, level("M2"),
                                List.of(new QuarterOutcome(Q, level("M2"), Y, level("IC4"))), new FrameworkRef("ladder", 1, "h"),
                                "leads", "lee", AT),
                        "{'personId':'%P','decisionId':'%X','fromTrack':'IC','fromLevel':'IC4','toTrack':'MANAGER',"
                                + "'toLevel':'M2','carriedOver':[{'quarter':'2026-Q1','operatingLevel':'M2',"
                                + "'assessmentId':'%Y','mappedFrom':'IC4'}],"
                                + "'framework':{'id':'ladder','version':1,'hash':'h'},'rationale':'leads',"
                                + "'decidedBy':'lee','decidedAt':'2026-07-01T10:00:00Z'}"),
                stored(new QuarterOutcomeRecorded(P, Q, level("M2"), X, level("M1"), level("IC4")),
                        "{'personId':'%P','quarter':'2026-Q1','operatingLevel':'M2','assessmentId':'%X',"
                                + "'levelHeld':'M1','mappedFrom':'IC4'}"),
                stored(new QuarterOutcomeRecorded(P, Q, level("IC3"), X, level("IC2")),
                        "{'personId':'%P','quarter':'2026-Q1','operatingLevel':'IC3','assessmentId':'%X',"
                                + "'levelHeld':'IC2','mappedFrom':null}"),
                stored(new QuarterOutcomeWithdrawn(P, Q, X, level("IC3"), "late evidence", "lee"),
                        "{'personId':'%P','quarter':'2026-Q1','assessmentId':'%X','operatingLevel':'IC3',"
                                + "'reason':'late evidence','withdrawnBy':'lee'}"),
                stored(new DecisionBasisChanged(P, X, Q, BasisChange.WITHDRAWN, level("IC3"), null, Y, false, "lee", AT),
                        "{'personId':'%P','decisionId':'%X','quarter':'2026-Q1','change':'WITHDRAWN',"
                                + "'previousOperatingLevel':'IC3','operatingLevel':null,'assessmentId':'%Y',"
                                + "'stillHolds':false,'changedBy':'lee','changedAt':'2026-07-01T10:00:00Z'}"));
    }

    @ParameterizedTest
    @MethodSource("storedEvents")
    void an_event_is_stored_as_the_json_its_text_fields_wrote_and_reads_back_from_it(Object event, String json) {
        SerializedObject<String> written = EVENTS.serialize(event, String.class);
        assertThat(written.getData()).isEqualTo(json);

        Object read = EVENTS.deserialize(new SimpleSerializedObject<>(json, String.class, written.getType()));
        assertThat(read).isEqualTo(event);
    }

    private static Arguments stored(Object event, String json) {
        return Arguments.of(event, json.replace('\'', '"').replace("%P", P.toString()).replace("%X", X.toString())
                .replace("%Y", Y.toString()));
    }

    private static LevelCode level(String code) {
        return new LevelCode(code);
    }
}
