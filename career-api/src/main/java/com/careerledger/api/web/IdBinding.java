package com.careerledger.api.web;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import java.beans.PropertyEditorSupport;
import java.util.UUID;

/**
 * Ids in paths and queries are canonical UUIDs, as in bodies ({@link CanonicalUuid}): bound by an editor of this
 * application's, which Spring MVC asks before its own lenient conversion. A malformed id fails to bind, which is
 * answered as a 400 naming the parameter ("must be a UUID").
 */
@ControllerAdvice
public class IdBinding {

    @InitBinder
    void canonicalIds(WebDataBinder binder) {
        binder.registerCustomEditor(UUID.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                // empty is no value (a parameter without one is absent anyway: ValuelessParametersFilter)
                setValue(text == null || text.isEmpty() ? null : CanonicalUuid.parse(text)
                        .orElseThrow(() -> new IllegalArgumentException("not a UUID in canonical form")));
            }
        });
    }
}
