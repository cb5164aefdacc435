/** Health contributors every service shares, for the checks an orchestrator restarts an instance on. */
package dev.deletionpipeline.health;
