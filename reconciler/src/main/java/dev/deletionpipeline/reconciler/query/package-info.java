/**
 * Interactive queries over REST: the status of one block's deletion, the current ops summary and the open orphans,
 * answered from the Kafka Streams state stores of whichever instance of the application hosts them (requests are
 * forwarded there over HTTP; lists are gathered from all instances). Every call needs an admin bearer token
 * ({@code service-security}, settings {@code deletion.security.*}).
 */
package dev.deletionpipeline.reconciler.query;
