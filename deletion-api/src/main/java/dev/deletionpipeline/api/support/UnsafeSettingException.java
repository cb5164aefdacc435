package dev.deletionpipeline.api.support;

/**
 * A setting that must not be used outside the local profile; thrown while the application starts, it stops the start
 * and {@link UnsafeSettingFailureAnalyzer} reports it as one line naming the setting.
 */
public class UnsafeSettingException extends RuntimeException {

    private final String setting;

    public UnsafeSettingException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
