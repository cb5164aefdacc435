/**
 * Deleting events in Google Calendar with the real {@code google-api-services-calendar} client: single calls and the
 * batch endpoint, bounded concurrency, 401 handled by one credential refresh, and the classification of every answer
 * (deleted, already gone, retry, rate-limited, rejected).
 */
package dev.deletionpipeline.worker.calendar;
