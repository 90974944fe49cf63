package io.jwtbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.JwtIdpBridgeApplication;
import io.jwtbridge.TestDatabaseConfiguration;
import io.jwtbridge.testsupport.Ports;
import io.jwtbridge.testsupport.RequiredProgram;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A real headless Chromium (Debian's, through its chromedriver; nothing is downloaded) opens the
 * demo's URL and ends on the demo app's page with the user's claims; it also shows the login page
 * and the error page. Screenshots go to {@code target/screenshots/}. Skipped where Chromium is not
 * installed, except under {@code CI=true}, where that fails.
 */
class ChromiumDemoTests {

    static ConfigurableApplicationContext bridge;
    static String base;
    static Path screenshots = Path.of("target", "screenshots");

    static Path executable(String name, String... candidates) {
        String override = System.getenv(name.equals("chromium") ? "CHROME_BIN" : "CHROMEDRIVER");
        String githubDriver = System.getenv("CHROMEWEBDRIVER");
        List<String> all = new java.util.ArrayList<>();
        if (override != null) {
            all.add(override);
        }
        all.addAll(List.of(candidates));
        if (name.equals("chromium")) {
            all.add("/usr/bin/google-chrome");
        } else if (githubDriver != null) {
            all.add(githubDriver + "/chromedriver");
        }
        return RequiredProgram.find(
                all, "Debian: apt-get install chromium chromium-driver", "the real-browser test (" + name + ")");
    }

    @BeforeAll
    static void startDemo() throws Exception {
        executable("chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser");
        executable("chromedriver", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        int port = Ports.free();
        base = "http://localhost:" + port;
        bridge = SpringApplication.from(JwtIdpBridgeApplication::main)
                .with(TestDatabaseConfiguration.class, DemoConfiguration.class)
                .withAdditionalProfiles("demo")
                .run(
                        "--server.port=" + port,
                        "--jwtbridge.issuer=" + base,
                        "--jwtbridge.master-key=test-master-key-3f9c1d0e8b7a6c5d4e3f2a1b0c9d8e7f")
                .getApplicationContext();
        Files.createDirectories(screenshots);
    }

    @AfterAll
    static void stopDemo() {
        if (bridge != null) {
            bridge.close();
        }
    }

    static WebDriver chromium() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
                .toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1100,800",
                "--user-data-dir="
                        + Files.createTempDirectory(Files.createDirectories(Path.of("target/tmp")), "chromium-profile")
                                .toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(
                        executable("chromedriver", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
                                .toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    static void screenshot(WebDriver driver, String name) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theDemoUrlEndsOnTheAppShowingTheUsersClaims() throws Exception {
        WebDriver driver = chromium();
        try {
            driver.get(base + "/demo/app");
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(d -> d.getCurrentUrl().equals(base + "/demo/app")
                            && !d.findElements(By.id("signed-in")).isEmpty());
            screenshot(driver, "demo-app-signed-in.png");
            String page = driver.findElement(By.tagName("body")).getText();
            assertThat(page)
                    .contains(
                            "Signed in through the JWT IdP bridge", "demo.user", "demo.user@example.com", "Demo User");
        } finally {
            driver.quit();
        }
    }

    @Test
    void theLoginPageShowsTheIdpButtonsAndTheErrorPageSaysWhatHappened() throws Exception {
        ClientRegistration app =
                bridge.getBean(DemoClientRegistrations.class).findByRegistrationId(DemoClientRegistrations.ID);
        String authorize = UriComponentsBuilder.fromUriString(base + "/oauth/v2/authorize")
                .queryParam("response_type", "code")
                .queryParam("client_id", app.getClientId())
                .queryParam("redirect_uri", app.getRedirectUri())
                .queryParam("scope", "openid profile")
                .queryParam("state", "screenshot")
                .encode()
                .build()
                .toUriString();
        WebDriver driver = chromium();
        try {
            driver.get(authorize);
            new WebDriverWait(driver, Duration.ofSeconds(20))
                    .until(d -> !d.findElements(By.cssSelector("a.idp")).isEmpty());
            screenshot(driver, "login-page.png");
            List<String> buttons = driver.findElements(By.cssSelector("a.idp")).stream()
                    .map(element -> element.getText())
                    .toList();
            assertThat(buttons).contains("Continue with " + DemoSetup.IDP_NAME);
            assertThat(driver.findElement(By.cssSelector("a.idp.google")).getText())
                    .isEqualTo("Continue with " + DemoSetup.IDP_NAME);

            driver.get(base + "/ui/login/login/jwt/callback?authRequestID=unknown&handle=unknown");
            screenshot(driver, "error-page.png");
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Sign-in failed");
        } finally {
            driver.quit();
        }
    }
}
