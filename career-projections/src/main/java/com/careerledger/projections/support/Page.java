package com.careerledger.projections.support;

import java.util.List;
import java.util.function.Function;

/** One page of a list: the shape every list endpoint answers in. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
