/**
 * Deleting events in Google Calendar with the real {@code google-api-services-calendar} client: single calls and the
 * batch endpoint, bounded concurrency, 401 handled by one credential refresh, and the classification of every answer
 * (deleted, already gone, retry, rate-limited, rejected). A 404 counts as already gone only when the calendar itself
 * still answers {@code calendars.get} for the same credential; else the deletion fails with
 * {@code CALENDAR_UNREACHABLE}.
 */
package dev.deletionpipeline.worker.calendar;
