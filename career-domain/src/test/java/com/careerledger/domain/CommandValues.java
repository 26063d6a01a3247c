package com.careerledger.domain;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.YearQuarter;

/** The typed values commands carry, written in tests as the text a request would send. */
public final class CommandValues {

    private CommandValues() {
    }

    public static YearQuarter quarter(String text) {
        return YearQuarter.parse(text);
    }

    public static LevelCode level(String code) {
        return new LevelCode(code);
    }
}
