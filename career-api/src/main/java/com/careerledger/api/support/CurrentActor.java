package com.careerledger.api.support;

import org.springframework.stereotype.Component;

/**
 * Who is acting. Until authentication exists every request acts as the fixed system user; the acting user is
 * never read from a request body, and this is the one place that will change when accounts arrive.
 */
@Component
public class CurrentActor {

    public static final String SYSTEM = "system";

    public String id() {
        return SYSTEM;
    }
}
