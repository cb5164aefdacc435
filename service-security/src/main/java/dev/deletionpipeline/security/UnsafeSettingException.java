package dev.deletionpipeline.security;

/**
 * A setting with which a service must not start (a published development value, a missing required value). Its message
 * is the one line an operator reads: it names the setting and its environment variable, never the value.
 * {@link UnsafeSettingFailureAnalyzer} turns it into Spring Boot's start-up failure report instead of a stack trace.
 */
public class UnsafeSettingException extends RuntimeException {

    public UnsafeSettingException(String line) {
        super(line, null, false, false);
    }
}
