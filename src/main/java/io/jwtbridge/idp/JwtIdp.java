package io.jwtbridge.idp;

import java.time.Instant;

/**
 * A JWT identity provider: where browsers go for the JWT and how the JWT is verified. Stored in
 * table {@code jwt_idp} by {@link JwtIdps}.
 */
public class JwtIdp {

    private final String id;

    private String name;

    private StylingType stylingType;

    private IdpState state;

    private ProviderOptions options;

    private String jwtEndpoint;

    private String issuer;

    private String keysEndpoint;

    private String headerName;

    private String audience;

    private long configVersion;

    private GatewayProof gatewayProof = GatewayProof.NONE;

    private TokenPolicy policy = TokenPolicy.DEFAULT;

    private boolean headerNameGiven = true;

    private volatile EffectivePolicy effectivePolicy;

    private Instant createdAt;

    private Instant changedAt;

    private long sequence;

    public JwtIdp(String id, String name, StylingType stylingType, boolean autoRegister, JwtConfig config) {
        this(id, name, stylingType, ProviderOptions.ofAutoRegister(autoRegister), config);
    }

    public JwtIdp(String id, String name, StylingType stylingType, ProviderOptions options, JwtConfig config) {
        this.id = id;
        this.name = name;
        this.stylingType = stylingType;
        this.state = IdpState.IDP_STATE_ACTIVE;
        this.options = options;
        apply(config);
        this.configVersion = 1;
    }

    /** A new IdP with a token policy (its headerName counted as given). */
    public JwtIdp(
            String id,
            String name,
            StylingType stylingType,
            ProviderOptions options,
            JwtConfig config,
            TokenPolicy policy) {
        this(id, name, stylingType, options, config);
        this.policy = policy;
    }

    /** An IdP as stored. */
    static JwtIdp stored(
            String id,
            String name,
            StylingType stylingType,
            IdpState state,
            ProviderOptions options,
            JwtConfig config,
            GatewayProof gatewayProof,
            TokenPolicy policy,
            boolean headerNameGiven,
            long configVersion,
            Instant createdAt,
            Instant changedAt,
            long sequence) {
        JwtIdp idp = new JwtIdp(id, name, stylingType, options, config);
        idp.state = state;
        idp.gatewayProof = gatewayProof;
        idp.policy = policy;
        idp.headerNameGiven = headerNameGiven;
        idp.configVersion = configVersion;
        idp.createdAt = createdAt;
        idp.changedAt = changedAt;
        idp.sequence = sequence;
        return idp;
    }

    public String getId() {
        return id;
    }

    public String name() {
        return name;
    }

    public StylingType stylingType() {
        return stylingType;
    }

    public IdpState state() {
        return state;
    }

    public boolean active() {
        return state == IdpState.IDP_STATE_ACTIVE;
    }

    /** The v1 view of the provider options: users are registered without asking. */
    public boolean autoRegister() {
        return options.autoRegister();
    }

    public ProviderOptions options() {
        return options;
    }

    public JwtConfig jwtConfig() {
        return new JwtConfig(jwtEndpoint, issuer, keysEndpoint, headerName, audience);
    }

    /** The proof the JWT handler asks of its caller ({@link GatewayProof#NONE} when none). */
    public GatewayProof gatewayProof() {
        return gatewayProof;
    }

    /** The token policy as set (docs/admin-api.md#token-policy). */
    public TokenPolicy policy() {
        return policy;
    }

    /** The policy a login applies: as set, with its preset and this IdP's jwt_config filled in. */
    public EffectivePolicy tokenPolicy() {
        EffectivePolicy effective = effectivePolicy;
        if (effective == null) {
            effective = GatewayPresets.effective(policy, jwtConfig(), headerNameGiven);
            effectivePolicy = effective;
        }
        return effective;
    }

    /** Whether {@code headerName} was given (not defaulted): with a preset, only then is it a source. */
    boolean headerNameGiven() {
        return headerNameGiven;
    }

    /** Version of what verifies its tokens (jwt_config and policy): a new one drops cached keys. */
    public long configVersion() {
        return configVersion;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant changedAt() {
        return changedAt;
    }

    public long sequence() {
        return sequence;
    }

    boolean sameSettings(String name, StylingType stylingType, boolean autoRegister) {
        return this.name.equals(name) && this.stylingType == stylingType && autoRegister() == autoRegister;
    }

    void changeSettings(String name, StylingType stylingType, boolean autoRegister) {
        this.name = name;
        this.stylingType = stylingType;
        this.options = options.withAutoRegister(autoRegister);
    }

    /** A template update: name and options; the styling is kept. */
    void changeTemplate(String name, ProviderOptions options) {
        this.name = name;
        this.options = options;
    }

    void changeConfig(JwtConfig config, boolean headerNameGiven) {
        apply(config);
        this.headerNameGiven = headerNameGiven;
        this.configVersion++;
    }

    /** A new IdP's policy, and whether its headerName was given. */
    void setUp(TokenPolicy policy, boolean headerNameGiven) {
        this.policy = policy;
        this.headerNameGiven = headerNameGiven;
        this.effectivePolicy = null;
    }

    void changePolicy(TokenPolicy policy) {
        this.policy = policy;
        this.effectivePolicy = null;
        this.configVersion++;
    }

    void changeGatewayProof(GatewayProof gatewayProof) {
        this.gatewayProof = gatewayProof;
    }

    void changeState(IdpState state) {
        this.state = state;
    }

    void recordEvent(long sequence, Instant at) {
        if (createdAt == null) {
            createdAt = at;
        }
        this.changedAt = at;
        this.sequence = sequence;
    }

    private void apply(JwtConfig config) {
        this.effectivePolicy = null;
        this.jwtEndpoint = config.jwtEndpoint();
        this.issuer = config.issuer();
        this.keysEndpoint = config.keysEndpoint();
        this.headerName = config.headerName();
        this.audience = config.audience();
    }
}
