package io.jwtbridge.testsupport;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of tests that need one plain set-up: a simulated WAF whose users get a JWT with their name
 * as {@code sub} in {@code x-custom-tkn}, a JWT IdP through it that registers users, and a
 * confidential web app.
 */
public abstract class WafLoginTests extends LoginIntegrationTests {

    protected SimulatedWaf waf;
    protected String idpId;
    protected App app;

    @BeforeEach
    void startWafIdpAndApp() {
        waf = new SimulatedWaf(BASE, "x-custom-tkn", user -> List.of(jwt(RSA_KEY, c -> c.subject(user))));
        idpId = createIdp(waf, "x-custom-tkn", true);
        app = webApp();
    }

    @AfterEach
    void stopWaf() {
        waf.close();
    }
}
