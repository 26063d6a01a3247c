package com.careerledger.api.error;

/**
 * The rules of the API itself, beside the domain's ({@code DomainRule}): accounts and read-model administration
 * are no part of the domain. A refusal by one is answered as a domain rule's is, 409 problem+json of type
 * {@code /problems/<id>}; the ids are as stable.
 */
public enum ApiRule {

    USERNAME_TAKEN("username-taken"),
    PERSON_HAS_ACCOUNT("person-has-account"),
    PROJECTION_NOT_REBUILDABLE("projection-not-rebuildable");

    private final String id;

    ApiRule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
