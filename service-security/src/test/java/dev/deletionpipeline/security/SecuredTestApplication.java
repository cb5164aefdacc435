package dev.deletionpipeline.security;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The smallest service that uses this module: one admin-only endpoint behind the auto-configured security. */
@SpringBootConfiguration
@EnableAutoConfiguration
class SecuredTestApplication {

    static final String LOCAL_SETTINGS = "--spring.config.import=classpath:deletion-security-local.yml";

    @RestController
    static class Ping {

        @GetMapping("/v1/ping")
        String ping() {
            return "pong";
        }
    }
}
