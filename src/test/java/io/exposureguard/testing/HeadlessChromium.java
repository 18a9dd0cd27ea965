package io.exposureguard.testing;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Test helper: Debian's chromium driven through Debian's chromium-driver, headless, with a fresh profile and none of
 * the browser's own background traffic (updates, sync, safe-browsing lists), so that any network request a page
 * makes is the page's. Skips visibly without the packages, fails in CI ({@link InstalledTools}). Scripts given to
 * {@link #recordErrors} run before every page's own and collect its script errors, console errors and
 * Content-Security-Policy violations in {@code window.__egErrors}.
 */
public final class HeadlessChromium {

    private static final String PURPOSE = "(the HTML report's browser tests)";

    private HeadlessChromium() {
    }

    public static ChromeDriver start(int width, int height) {
        Path browser = InstalledTools.require("chromium", PURPOSE, "chromium");
        Path driver = InstalledTools.require("chromium-driver", PURPOSE, "chromedriver");
        Path profile;
        try {
            profile = Files.createTempDirectory("eg-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--hide-scrollbars",
                "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        recordErrors(chrome);
        return chrome;
    }

    private static void recordErrors(ChromeDriver chrome) {
        chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.__egErrors = [];
                window.addEventListener('error', function (e) { window.__egErrors.push('error: ' + e.message); });
                document.addEventListener('securitypolicyviolation', function (e) {
                  window.__egErrors.push('csp: ' + e.violatedDirective + ' ' + e.blockedURI);
                });
                var original = console.error;
                console.error = function () {
                  window.__egErrors.push('console: ' + Array.prototype.join.call(arguments, ' '));
                  return original.apply(console, arguments);
                };
                """));
    }
}
