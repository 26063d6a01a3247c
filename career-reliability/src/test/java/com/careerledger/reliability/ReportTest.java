package com.careerledger.reliability;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite's verdicts, without starting anything: a scenario holds only when every one of its checks held, a
 * failed or missing check or a scenario that could not run does not, and the answers are counted as they came.
 */
class ReportTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void a_scenario_holds_only_if_every_check_held() {
        Report held = new Report("kill9", out);
        held.check("0 acknowledged writes lost", true, "0 of 12");
        held.check("live read models equal a rebuild", true, "");
        assertThat(held.held()).isTrue();

        Report lost = new Report("kill9", out);
        lost.check("live read models equal a rebuild", true, "");
        lost.check("0 acknowledged writes lost", false, "1 of 12 missing");
        assertThat(lost.held()).isFalse();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("[NOT HELD] 0 acknowledged writes lost — 1 of 12 missing");
    }

    @Test
    void a_scenario_without_checks_or_that_could_not_run_does_not_hold() {
        assertThat(new Report("gap", out).held()).isFalse();

        Report broken = new Report("gap", out);
        broken.check("started", true, "");
        broken.couldNotRun(new IllegalStateException("app-first was not healthy within 240 s"));
        broken.finish();
        assertThat(broken.held()).isFalse();
        assertThat(broken.row()).contains("NOT HELD (could not run)");
    }

    @Test
    void answers_are_counted_by_status_with_the_ones_that_never_came() {
        List<WriteLoad.Attempt> attempts = List.of(attempt(201, "e1"), attempt(201, "e2"), attempt(500, null),
                attempt(503, null), attempt(WriteLoad.NO_ANSWER, null));
        assertThat(WriteLoad.byStatus(attempts)).isEqualTo("no answer×1, 201×2, 500×1, 503×1");
        assertThat(WriteLoad.fiveXx(attempts)).isEqualTo(2);
        assertThat(WriteLoad.fiveHundred(attempts)).isEqualTo(1);
        assertThat(WriteLoad.missing(attempts, java.util.Set.of("e1"))).extracting(WriteLoad.Attempt::evidenceId)
                .containsExactly("e2");
    }

    @Test
    void scenarios_are_chosen_by_name_and_all_by_default() {
        assertThat(FaultSuite.parse(new String[0]).scenarios())
                .containsExactly("kill9", "pg-restart", "two-instances", "three-instances", "poison", "gap");
        assertThat(FaultSuite.parse(new String[]{"gap", "kill9"}).scenarios()).containsExactly("gap", "kill9");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FaultSuite.parse(new String[]{"kill-9"}))
                .hasMessageContaining("unknown scenario kill-9");
    }

    @Test
    void a_day_in_the_middle_of_each_quarter() {
        assertThat(Ledger.dayIn("2025-Q3")).isEqualTo("2025-08-14");
        assertThat(Ledger.dayIn("2025-Q4")).isEqualTo("2025-11-14");
        assertThat(Ledger.dayIn("2026-Q1")).isEqualTo("2026-02-14");
    }

    private static WriteLoad.Attempt attempt(int status, String evidenceId) {
        return new WriteLoad.Attempt(0, 0, "p", "2025-Q3", "t", 0, 1_000_000, status, evidenceId, null, null);
    }
}
