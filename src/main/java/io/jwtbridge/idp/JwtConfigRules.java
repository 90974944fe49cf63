package io.jwtbridge.idp;

import io.jwtbridge.outbound.OutboundUrlPolicy;
import java.net.URI;
import java.util.Optional;
import org.springframework.util.StringUtils;

/** The rules of a JWT configuration: a JWT endpoint browsers may visit, a keys endpoint the bridge may fetch. */
final class JwtConfigRules {

    private JwtConfigRules() {}

    /** Checks the URLs and fills in the default header name. */
    static JwtConfig check(JwtConfig config, OutboundUrlPolicy outbound) {
        Optional<URI> jwtEndpoint = OutboundUrlPolicy.parseAbsoluteHttp(config.jwtEndpoint());
        if (jwtEndpoint.isEmpty()) {
            throw IdpErrors.invalidField("jwtEndpoint", "must be an absolute http or https URL");
        }
        if (jwtEndpoint.get().getRawFragment() != null) {
            throw IdpErrors.invalidField("jwtEndpoint", "must not have a fragment");
        }
        outbound.refusalOf(config.keysEndpoint()).ifPresent(reason -> {
            throw IdpErrors.invalidField("keysEndpoint", reason);
        });
        String headerName =
                StringUtils.hasLength(config.headerName()) ? config.headerName() : JwtConfig.DEFAULT_HEADER_NAME;
        String audience = StringUtils.hasText(config.audience()) ? config.audience() : null;
        return new JwtConfig(config.jwtEndpoint(), config.issuer(), config.keysEndpoint(), headerName, audience);
    }
}
