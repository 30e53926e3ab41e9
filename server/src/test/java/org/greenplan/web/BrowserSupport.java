package org.greenplan.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's Chromium and ChromeDriver (installed by test.sh), started headless with the flags this closed
 * network needs. Selenium Manager is bypassed by naming the driver, so nothing is downloaded.
 */
public final class BrowserSupport {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private BrowserSupport() {
    }

    public static ChromeDriver start() throws IOException {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Chromium and ChromeDriver are needed for the browser tests: "
                    + "run ./test.sh, which installs the Debian packages chromium and chromium-driver");
        }
        Path profile = Files.createTempDirectory("greenplan-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,900", "--lang=zh-CN", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /**
     * No SEVERE entry in the browser console (nor the warning i18n.js gives for a label missing from the
     * message file) since the log was last read, except failed requests to URLs containing one of
     * {@code allowedUrlParts} (a deliberate 401, a tile server unreachable offline). A Content-Security-Policy
     * violation is never allowed, whatever URL it names (a basemap host missing from img-src would otherwise
     * pass as "offline"). Reading empties the log.
     */
    public static void assertNoConsoleErrors(WebDriver driver, String... allowedUrlParts) {
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue() || e.getMessage().contains("i18n: no message"))
                .filter(e -> e.getMessage().contains("Content Security Policy")
                        || java.util.Arrays.stream(allowedUrlParts).noneMatch(e.getMessage()::contains))
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
        if (!errors.isEmpty()) {
            throw new AssertionError("JavaScript console errors:\n  " + String.join("\n  ", errors));
        }
    }

    /** Saves a screenshot under target/screenshots and returns its bytes. */
    public static byte[] screenshot(ChromeDriver driver, String name) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), png);
        return png;
    }
}
