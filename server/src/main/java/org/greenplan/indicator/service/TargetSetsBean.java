package org.greenplan.indicator.service;

import java.io.IOException;
import org.greenplan.indicator.TargetSets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/** The policy target sets (engine code, shared with the province batch) as the server's one instance. */
@Configuration(proxyBeanMethods = false)
class TargetSetsBean {

    @Bean
    TargetSets targetSets(ObjectMapper json) throws IOException {
        return new TargetSets(json);
    }
}
