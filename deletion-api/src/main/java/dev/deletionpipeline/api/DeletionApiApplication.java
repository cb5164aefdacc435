package dev.deletionpipeline.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DeletionApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(DeletionApiApplication.class, args);
    }
}
