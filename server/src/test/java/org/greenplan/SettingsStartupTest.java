package org.greenplan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * Issue 13: the {@code greenplan.*} settings are typed records checked at start-up, so a value that cannot
 * work stops the server with a message naming the property, not a failure on the first request that needs it.
 * Only the settings records are started here (the same scan as the application), without a database.
 */
class SettingsStartupTest {

    @Configuration
    @ConfigurationPropertiesScan("org.greenplan")
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class)
            .withPropertyValues("greenplan.db.import.user=greenplan", "greenplan.db.reader.user=greenplan");

    @Test
    void theDefaultsStart() {
        runner.run(context -> assertThat(context).hasNotFailed());
    }

    @ParameterizedTest
    @CsvSource({
        "greenplan.tiles.cache-size, -1",
        "greenplan.limits.concurrent.indicator, 0",
        "greenplan.limits.max-list-entries, 0",
        "greenplan.network.cache-size, 0",
        "greenplan.import.workers, 0",
        "greenplan.map.basemap, google",
        "greenplan.public-url, maps.example.org",
    })
    void aBadValueStopsTheStartNamingTheProperty(String property, String value) {
        runner.withPropertyValues(property + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertThat(messages.toString()).contains(property);
        });
    }
}
