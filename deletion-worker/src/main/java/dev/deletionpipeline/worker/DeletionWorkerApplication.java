package dev.deletionpipeline.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DeletionWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(DeletionWorkerApplication.class, args);
    }
}
