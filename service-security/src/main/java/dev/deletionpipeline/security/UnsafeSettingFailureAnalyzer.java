package dev.deletionpipeline.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an {@link UnsafeSettingException} as its one line, without a stack trace (registered in spring.factories). */
class UnsafeSettingFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeSettingException cause) {
        return new FailureAnalysis(cause.getMessage(), null, cause);
    }
}
