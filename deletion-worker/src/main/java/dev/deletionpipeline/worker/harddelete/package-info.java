/** The hard delete of claimed blocks with their dependants, and their confirmations, in one transaction. */
package dev.deletionpipeline.worker.harddelete;
