/**
 * The deployment's names of the contract topics ({@code deletion.topic-prefix}), bound the same way by every service.
 */
package dev.deletionpipeline.topics;
