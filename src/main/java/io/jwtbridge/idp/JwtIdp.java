package io.jwtbridge.idp;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import org.springframework.data.domain.Persistable;

/** A JWT identity provider: where browsers go for the JWT and how the JWT is verified. */
@Entity
@Table(name = "jwt_idp")
public class JwtIdp implements Persistable<String> {

    @Id
    private String id;

    private String name;

    @Enumerated(EnumType.STRING)
    private StylingType stylingType;

    @Enumerated(EnumType.STRING)
    private IdpState state;

    private boolean autoRegister;

    private String jwtEndpoint;

    private String issuer;

    private String keysEndpoint;

    private String headerName;

    private String audience;

    private long configVersion;

    private Instant createdAt;

    private Instant changedAt;

    @Column(name = "sequence")
    private long sequence;

    @Transient
    private boolean isNew;

    protected JwtIdp() {}

    public JwtIdp(String id, String name, StylingType stylingType, boolean autoRegister, JwtConfig config) {
        this.id = id;
        this.name = name;
        this.stylingType = stylingType;
        this.state = IdpState.IDP_STATE_ACTIVE;
        this.autoRegister = autoRegister;
        apply(config);
        this.configVersion = 1;
        this.isNew = true;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return isNew;
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

    public boolean autoRegister() {
        return autoRegister;
    }

    public JwtConfig jwtConfig() {
        return new JwtConfig(jwtEndpoint, issuer, keysEndpoint, headerName, audience);
    }

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
        return this.name.equals(name) && this.stylingType == stylingType && this.autoRegister == autoRegister;
    }

    void changeSettings(String name, StylingType stylingType, boolean autoRegister) {
        this.name = name;
        this.stylingType = stylingType;
        this.autoRegister = autoRegister;
    }

    void changeConfig(JwtConfig config) {
        apply(config);
        this.configVersion++;
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
        this.jwtEndpoint = config.jwtEndpoint();
        this.issuer = config.issuer();
        this.keysEndpoint = config.keysEndpoint();
        this.headerName = config.headerName();
        this.audience = config.audience();
    }
}
