/**
 * The JSON Schemas of the contract events, shipped in the jar under {@code schemas/}, and where to find each. Other
 * services validate against them; tests keep them and the event records from drifting apart.
 */
package dev.deletionpipeline.common.schemas;
