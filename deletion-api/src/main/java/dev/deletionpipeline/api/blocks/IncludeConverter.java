package dev.deletionpipeline.api.blocks;

import java.util.Locale;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Reads {@code include=live|deleted|all} in any case; anything else is a 400 naming the parameter. */
@Component
class IncludeConverter implements Converter<String, Include> {

    @Override
    public Include convert(String source) {
        return Include.valueOf(source.trim().toUpperCase(Locale.ROOT));
    }
}
