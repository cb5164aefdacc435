/**
 * Deleting events in Google Calendar with the real {@code google-api-services-calendar} client, and the classification
 * of every answer ({@code GoogleAnswer}); a 404 counts as already gone only when the calendar still answers for the
 * same credential.
 */
package dev.deletionpipeline.worker.calendar;
