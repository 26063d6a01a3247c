package com.careerledger.domain.shared;

/** The two ladders. Moving between them is a role change, never a promotion. */
public enum Track {
    IC,
    MANAGER
}
