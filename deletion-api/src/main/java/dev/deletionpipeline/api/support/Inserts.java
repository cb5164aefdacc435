package dev.deletionpipeline.api.support;

/**
 * A repository fragment for aggregates whose id the application assigns: Spring Data's {@code save} takes an entity
 * with an id for an existing one and would update nothing, so new ones are inserted explicitly.
 */
public interface Inserts<T> {

    T insert(T aggregate);
}
