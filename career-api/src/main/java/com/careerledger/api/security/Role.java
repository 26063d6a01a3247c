package com.careerledger.api.security;

/** What an account may do; an account may hold several roles. */
public enum Role {
    /** Everything: registration, corrections, accounts, rebuilds. */
    ADMIN,
    /** Reads everyone; decides promotions and track switches. */
    COMMITTEE,
    /** What an employee may do, for their reports too (direct and indirect); feedback; assessments of reports. */
    MANAGER,
    /** Reads their own record; writes their own goals, progress, evidence and SELF feedback. */
    EMPLOYEE;

    public String authority() {
        return "ROLE_" + name();
    }
}
