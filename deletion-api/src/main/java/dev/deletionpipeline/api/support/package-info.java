/**
 * Small pieces every feature of deletion-api shares: the injected {@link java.time.Clock} (so that tests control time)
 * and the conversion of instants to and from PostgreSQL {@code timestamptz}.
 */
package dev.deletionpipeline.api.support;
