/**
 * Deletions requested by other services: the consumer of {@code deletion.requests.v1} ({@code DeletionRequested},
 * key = owner id). A command has the same effect as the REST call of its scope and is carried out once per event id
 * (the deletion takes the command's id), provided that its requesting service (the record's {@code ce_source}) may use
 * its scope ({@code deletion.api.requests.sources}). A command that cannot be read, is invalid or comes from a source
 * that may not send it goes to {@code deletion.requests-dead-letters.v1} as it came, with {@code dlt_reason} / {@code
 * dlt_detail} headers, and the partition moves on.
 */
package dev.deletionpipeline.api.requests;
