package dev.deletionpipeline.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code deletion.api.http.*}: limits of the HTTP interface.
 *
 * @param maxBodySize the largest request body accepted; larger ones are answered with 413
 */
@ConfigurationProperties("deletion.api.http")
public record HttpSettings(@DefaultValue("64KB") DataSize maxBodySize) {}
