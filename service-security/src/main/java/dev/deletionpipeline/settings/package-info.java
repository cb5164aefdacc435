/**
 * What every service's settings share: the deployment's names of the contract topics ({@code deletion.topic-prefix},
 * bound the same way by every service) and the constraint of its many intervals and timeouts.
 */
package dev.deletionpipeline.settings;
