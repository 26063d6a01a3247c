package com.careerledger.domain.shared;

/**
 * Keys of the message metadata that travel from commands to their events. Metadata carries ids only
 * (who acted, correlation), never personal data: names and free text stay in payloads.
 */
public final class MetaDataKeys {

    /** The authenticated principal who sent the command (an account id, never taken from a request body). */
    public static final String ACTOR = "actor";

    private MetaDataKeys() {
    }
}
