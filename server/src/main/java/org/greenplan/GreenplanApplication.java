package org.greenplan;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GreenplanApplication {
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("indicators")) {
            // the command-line tool: the engine on files, no Spring context, no database
            System.exit(org.greenplan.cli.IndicatorsCli.run(java.util.Arrays.copyOfRange(args, 1, args.length),
                    System.out, System.err));
        }
        SpringApplication.run(GreenplanApplication.class, args);
    }
}
