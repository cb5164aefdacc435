package dev.deletionpipeline.api.support;

import org.springframework.data.jdbc.core.JdbcAggregateOperations;

/** The implementation Spring Data finds for every repository that extends {@link Inserts}. */
class InsertsImpl<T> implements Inserts<T> {

    private final JdbcAggregateOperations aggregates;

    InsertsImpl(JdbcAggregateOperations aggregates) {
        this.aggregates = aggregates;
    }

    @Override
    public T insert(T aggregate) {
        return aggregates.insert(aggregate);
    }
}
