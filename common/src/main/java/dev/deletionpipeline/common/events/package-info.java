/**
 * The event records of the contract, one past-tense record per event, and their enums. Each record refuses a missing
 * required field in its constructor; the fields that may be null say so in the record's Javadoc, and the event's JSON
 * Schema ({@link dev.deletionpipeline.common.schemas.EventSchemas}) requires exactly the others. {@link
 * dev.deletionpipeline.common.events.EventTypes} names the CloudEvents {@code ce_type} of each. Field names are the
 * JSON property names: renaming one breaks every other service.
 */
package dev.deletionpipeline.common.events;
