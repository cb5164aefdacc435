package dev.deletionpipeline.api.support;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an {@link UnsafeSettingException} into Boot's start-up failure report instead of a stack trace. */
class UnsafeSettingFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeSettingException cause) {
        return new FailureAnalysis(cause.getMessage(), "Change " + cause.setting() + ".", cause);
    }
}
