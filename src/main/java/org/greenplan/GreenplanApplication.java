package org.greenplan;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class GreenplanApplication {
    public static void main(String[] args) {
        SpringApplication.run(GreenplanApplication.class, args);
    }
}
