package dev.deletionpipeline.worker.tasks;

/** One header of a record the worker took in, kept so that a dead-letter record carries it unchanged. */
public record KeptHeader(String name, byte[] value) {}
