package dev.deletionpipeline.api.web;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code deletion.api.http.*}: limits of the HTTP interface (defaults and comments in {@code application.yml}).
 *
 * @param maxBodySize the largest request body accepted; larger ones are answered with 413
 */
@Validated
@ConfigurationProperties("deletion.api.http")
public record HttpSettings(@NotNull DataSize maxBodySize) {}
