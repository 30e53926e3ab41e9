package org.greenplan.web;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A fresh headless Chromium per test, quit afterwards even when the test fails, so one test's page state
 * (sessionStorage tokens, an open dialog) never leaks into the next, and a test passes only with a clean
 * JavaScript console at its end. Register with
 * {@code @RegisterExtension final BrowserSession browser = new BrowserSession();}.
 */
public final class BrowserSession implements BeforeEachCallback, AfterEachCallback {

    private ChromeDriver driver;

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        driver = BrowserSupport.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (driver == null) {
            return;
        }
        try {
            // every browser test also asserts a clean console; offline, basemap tiles are expected to fail
            if (context.getExecutionException().isEmpty()) {
                BrowserSupport.assertNoConsoleErrors(driver, "tile.openstreetmap.org", "tianditu.gov.cn");
            }
        } finally {
            driver.quit();
            driver = null;
        }
    }
}
