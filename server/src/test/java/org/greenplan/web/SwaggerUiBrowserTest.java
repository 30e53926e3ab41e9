package org.greenplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Swagger UI at /api/docs, as the landing page's service-doc link promises: served from its webjar, it renders
 * the generated contract under the page's Content-Security-Policy (scripts from this server only, none inline),
 * with nothing in the console.
 */
class SwaggerUiBrowserTest extends ServerTestSupport {

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    @Test
    void swaggerUiRendersTheContractUnderTheCsp() {
        browser.driver().get(url("/api/docs"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                .until(d -> d.findElements(By.cssSelector(".opblock")).size() > 20);
        String page = browser.driver().findElement(By.id("swagger-ui")).getText();
        assertThat(page).contains("greenplan API", "/api/v1/isochrones", "/api/v1/indicators/{id}",
                "/collections/{collectionId}/items");
        BrowserSupport.assertNoConsoleErrors(browser.driver());
    }
}
