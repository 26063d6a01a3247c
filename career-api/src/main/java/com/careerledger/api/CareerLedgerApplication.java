package com.careerledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Career Ledger: the REST API, the Axon wiring, and the projections, in one process. */
@SpringBootApplication(scanBasePackages = "com.careerledger")
@ConfigurationPropertiesScan("com.careerledger")
@EnableScheduling
public class CareerLedgerApplication {

    public static void main(String[] args) {
        SpringApplication.run(CareerLedgerApplication.class, args);
    }
}
