package com.careerledger.domain.framework;

import com.careerledger.domain.shared.InvalidCommandException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LevelCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"IC1", "IC3", "M1", "M5", "X", "ABCDEFGHIJKLMNOP"})
    void a_code_shaped_like_a_level_is_one_whether_or_not_the_framework_has_it(String text) {
        assertThat(LevelCode.of("operatingLevel", text).code()).isEqualTo(text);
        assertThat(LevelCode.of("operatingLevel", text)).hasToString(text).isEqualTo(new LevelCode(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ic3", "3IC", "IC-3", "IC 3", " IC3", "IC3 ", "ABCDEFGHIJKLMNOPQ", "Ic3", "IC3\n"})
    void text_not_shaped_like_a_code_is_refused_as_the_field_that_named_it(String text) {
        assertThatThrownBy(() -> LevelCode.of("demonstratesLevel", text))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        e -> assertThat(e.field()).isEqualTo("demonstratesLevel"))
                .hasMessage(Level.CODE_MESSAGE);
        assertThatThrownBy(() -> new LevelCode(text))
                .isInstanceOfSatisfying(InvalidCommandException.class, e -> assertThat(e.field()).isEqualTo("level"))
                .hasMessage(Level.CODE_MESSAGE);
    }

    @Test
    void a_missing_code_is_required() {
        for (String text : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> LevelCode.of("targetLevel", text))
                    .isInstanceOfSatisfying(InvalidCommandException.class,
                            e -> assertThat(e.field()).isEqualTo("targetLevel"))
                    .hasMessage("targetLevel is required");
        }
    }

    @Test
    void an_optional_level_left_out_is_no_level_and_one_given_is_checked() {
        assertThat(LevelCode.optional("signalsLevel", null)).isNull();
        assertThat(LevelCode.optional("signalsLevel", "  ")).isNull();
        assertThat(LevelCode.optional("signalsLevel", " IC4 ")).isEqualTo(new LevelCode("IC4"));
        assertThatThrownBy(() -> LevelCode.optional("signalsLevel", "ic4"))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        e -> assertThat(e.field()).isEqualTo("signalsLevel"));
        assertThat(LevelCode.codeOf(null)).isNull();
        assertThat(LevelCode.codeOf(new LevelCode("M2"))).isEqualTo("M2");
    }

    @Test
    void the_framework_finds_the_level_a_command_names_or_refuses_it_as_the_naming_field() {
        CareerFramework framework = ShippedFramework.get();
        assertThat(framework.level(new LevelCode("IC3"))).map(Level::code).contains("IC3");
        assertThat(framework.level(new LevelCode("IC9"))).isEmpty();
        assertThat(framework.level((LevelCode) null)).isEmpty();
        assertThat(framework.named("operatingLevel", new LevelCode("M2")).code()).isEqualTo("M2");
        assertThatThrownBy(() -> framework.named("operatingLevel", new LevelCode("IC9")))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        e -> assertThat(e.field()).isEqualTo("operatingLevel"))
                .hasMessage("unknown level IC9");
        assertThatThrownBy(() -> framework.named("operatingLevel", null))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        e -> assertThat(e.field()).isEqualTo("operatingLevel"))
                .hasMessage("operatingLevel is required");
    }
}
