package com.careerledger.projections.support;

import org.axonframework.config.ProcessingGroup;

import java.util.List;

/**
 * A projection that keeps a read model: its processing group (its {@link ProcessingGroup}, its name in the admin API)
 * and the tables of its {@link ReadModel}, which a rebuild builds afresh beside the ones readers use and then puts in
 * their place.
 */
public interface Projection {

    /** The read model this projection writes. */
    ReadModel readModel();

    /** Its processing group: the read model's name. */
    default String group() {
        ProcessingGroup group = getClass().getAnnotation(ProcessingGroup.class);
        if (group == null) {
            throw new IllegalStateException(getClass().getName() + " names no processing group");
        }
        return group.value();
    }

    /** The names of its tables. */
    default List<String> tables() {
        return readModel().tableNames();
    }
}
