package io.jwtbridge.idp;

import io.jwtbridge.web.ListQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The request bodies of the IdP admin API, with ZITADEL's field names and limits. */
final class IdpRequests {

    static final String REQUIRED = "value is required";
    static final String LENGTH = "value length must be between 1 and 200 runes, inclusive";
    static final String HEADER_NAME = "value must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)";
    static final String HEADER_PATTERN = "^[!#$%&'*+\\-.^_`|~0-9A-Za-z]*$";
    static final String SECRET = "value must be 16 to 200 visible ASCII characters (no spaces)";
    static final String SECRET_PATTERN = "^(|[\\x21-\\x7E]{16,200})$";
    static final String NETWORKS = "at most 100 networks";

    private IdpRequests() {}

    record AddJwtIdpRequest(
            @NotBlank(message = REQUIRED) @Size(max = 200, message = LENGTH)
            String name,

            StylingType stylingType,

            @NotBlank(message = REQUIRED) @Size(max = 200, message = LENGTH)
            String jwtEndpoint,

            @NotBlank(message = REQUIRED) @Size(max = 200, message = LENGTH)
            String issuer,

            @NotBlank(message = REQUIRED) @Size(max = 200, message = LENGTH)
            String keysEndpoint,

            @Size(max = 200, message = LENGTH) @Pattern(regexp = HEADER_PATTERN, message = HEADER_NAME)
            String headerName,

            Boolean autoRegister,

            @Size(max = 200, message = LENGTH) String audience,

            TokenPolicyBody policy) {

        JwtConfig jwtConfig() {
            return new JwtConfig(jwtEndpoint, issuer, keysEndpoint, headerName, audience);
        }
    }

    record UpdateIdpRequest(
            @NotBlank(message = REQUIRED) @Size(max = 200, message = LENGTH)
            String name,

            StylingType stylingType,
            Boolean autoRegister) {}

    record UpdateIdpJwtConfigRequest(
            @NotBlank(message = REQUIRED) @Size(max = 200, message = LENGTH)
            String jwtEndpoint,

            @NotBlank(message = REQUIRED) @Size(max = 200, message = LENGTH)
            String issuer,

            @NotBlank(message = REQUIRED) @Size(max = 200, message = LENGTH)
            String keysEndpoint,

            @Size(max = 200, message = LENGTH) @Pattern(regexp = HEADER_PATTERN, message = HEADER_NAME)
            String headerName,

            @Size(max = 200, message = LENGTH) String audience) {

        JwtConfig jwtConfig() {
            return new JwtConfig(jwtEndpoint, issuer, keysEndpoint, headerName, audience);
        }
    }

    /**
     * The whole proof asked of the JWT handler's caller: absent or empty parts are off. The
     * secret is write-only: no answer ever carries it.
     */
    record SetGatewayProofRequest(
            @Size(max = 200, message = LENGTH) @Pattern(regexp = HEADER_PATTERN, message = HEADER_NAME)
            String headerName,

            @Pattern(regexp = SECRET_PATTERN, message = SECRET)
            String secret,

            @Size(max = 100, message = NETWORKS)
            List<@NotNull(message = REQUIRED) @Size(max = 64, message = LENGTH) String> allowedNetworks) {

        @Override
        public String toString() {
            return "SetGatewayProofRequest[headerName=" + headerName + ", secret=" + (secret == null ? null : "***")
                    + ", allowedNetworks=" + allowedNetworks + "]";
        }
    }

    record ListIdpsRequest(
            @Valid ListQuery query, IdpFieldName sortingColumn, List<@Valid @NotNull IdpQuery> queries) {}

    /** One search condition: exactly one of its members is set. */
    record IdpQuery(@Valid IdpIdQuery idpIdQuery, @Valid IdpNameQuery idpNameQuery) {}

    record IdpIdQuery(
            @NotBlank(message = REQUIRED) @Size(max = 200, message = LENGTH)
            String id) {}

    record IdpNameQuery(@Size(max = 200, message = LENGTH) String name, TextQueryMethod method) {}

    enum IdpFieldName {
        IDP_FIELD_NAME_UNSPECIFIED,
        IDP_FIELD_NAME_NAME
    }

    enum TextQueryMethod {
        TEXT_QUERY_METHOD_EQUALS,
        TEXT_QUERY_METHOD_EQUALS_IGNORE_CASE,
        TEXT_QUERY_METHOD_STARTS_WITH,
        TEXT_QUERY_METHOD_STARTS_WITH_IGNORE_CASE,
        TEXT_QUERY_METHOD_CONTAINS,
        TEXT_QUERY_METHOD_CONTAINS_IGNORE_CASE,
        TEXT_QUERY_METHOD_ENDS_WITH,
        TEXT_QUERY_METHOD_ENDS_WITH_IGNORE_CASE
    }
}
