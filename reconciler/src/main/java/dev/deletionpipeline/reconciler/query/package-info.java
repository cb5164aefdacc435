/**
 * Interactive queries over REST: the status of one block's deletion, the current ops summary and the open orphans,
 * answered from the Kafka Streams state stores of whichever instance of the application hosts them (requests are
 * forwarded there over HTTP; lists are gathered from all instances). Every call needs an admin bearer token
 * ({@code service-security}, settings {@code deletion.security.*}); forwarded calls go only to instances on the peer
 * allow-list and carry the service's own peer credential instead ({@code deletion.reconciler.peers.*}).
 */
package dev.deletionpipeline.reconciler.query;
