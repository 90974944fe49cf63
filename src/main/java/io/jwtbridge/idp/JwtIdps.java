package io.jwtbridge.idp;

import io.jwtbridge.Cidr;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The IdPs in table {@code jwt_idp}. */
@Repository
public class JwtIdps {

    private static final String SELECT = """
            select id, name, styling_type, state, auto_register, jwt_endpoint, issuer, keys_endpoint, header_name,
                audience, gateway_header_name, gateway_secret_hash, gateway_allowed_networks, config_version,
                created_at, changed_at, sequence, is_linking_allowed, is_creation_allowed, is_auto_creation,
                is_auto_update, auto_linking, token_policy, header_name_given
            from jwt_idp
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JwtIdps(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<JwtIdp> find(String id) {
        return jdbc.sql(SELECT + " where id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** The IdP, locked until the end of the transaction. */
    Optional<JwtIdp> findForUpdate(String id) {
        return jdbc.sql(SELECT + " where id = :id for update")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** All IdPs by name. */
    public List<JwtIdp> all() {
        return jdbc.sql(SELECT + " order by name, id").query(this::map).list();
    }

    boolean nameTaken(String name, String exceptId) {
        return jdbc.sql("select exists (select 1 from jwt_idp where name = :name and id <> :id)")
                .param("name", name)
                .param("id", exceptId == null ? "" : exceptId)
                .query(Boolean.class)
                .single();
    }

    void insert(JwtIdp idp) {
        JwtConfig config = idp.jwtConfig();
        jdbc.sql("""
                        insert into jwt_idp (id, name, styling_type, state, auto_register, jwt_endpoint, issuer,
                            keys_endpoint, header_name, audience, gateway_header_name, gateway_secret_hash,
                            gateway_allowed_networks, config_version, created_at, changed_at, sequence,
                            is_linking_allowed, is_creation_allowed, is_auto_creation, is_auto_update, auto_linking,
                            token_policy, header_name_given)
                        values (:id, :name, :styling, :state, :autoRegister, :jwtEndpoint, :issuer, :keysEndpoint,
                            :headerName, :audience, :gatewayHeaderName, :gatewaySecretHash, :gatewayAllowedNetworks,
                            :configVersion, :createdAt, :changedAt, :sequence,
                            :linkingAllowed, :creationAllowed, :autoCreation, :autoUpdate, :autoLinking,
                            :tokenPolicy, :headerNameGiven)
                        """).params(columns(idp, config)).update();
    }

    void update(JwtIdp idp) {
        JwtConfig config = idp.jwtConfig();
        jdbc.sql("""
                        update jwt_idp set name = :name, styling_type = :styling, state = :state,
                            auto_register = :autoRegister, jwt_endpoint = :jwtEndpoint, issuer = :issuer,
                            keys_endpoint = :keysEndpoint, header_name = :headerName, audience = :audience,
                            gateway_header_name = :gatewayHeaderName, gateway_secret_hash = :gatewaySecretHash,
                            gateway_allowed_networks = :gatewayAllowedNetworks, config_version = :configVersion,
                            changed_at = :changedAt, sequence = :sequence,
                            is_linking_allowed = :linkingAllowed, is_creation_allowed = :creationAllowed,
                            is_auto_creation = :autoCreation, is_auto_update = :autoUpdate, auto_linking = :autoLinking,
                            token_policy = :tokenPolicy, header_name_given = :headerNameGiven
                        where id = :id
                        """).params(columns(idp, config)).update();
    }

    void delete(String id) {
        jdbc.sql("delete from jwt_idp where id = :id").param("id", id).update();
    }

    long count(IdpSearch.Where where) {
        return jdbc.sql("select count(*) from jwt_idp where " + where.sql())
                .params(where.parameters())
                .query(Long.class)
                .single();
    }

    List<JwtIdp> page(IdpSearch.Where where, String orderBy, long offset, int limit) {
        return jdbc.sql(SELECT + " where " + where.sql() + " order by " + orderBy + " offset :offset limit :limit")
                .params(where.parameters())
                .param("offset", offset)
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    private Map<String, Object> columns(JwtIdp idp, JwtConfig config) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("id", idp.getId());
        columns.put("name", idp.name());
        columns.put("styling", idp.stylingType().name());
        columns.put("state", idp.state().name());
        columns.put("autoRegister", idp.autoRegister());
        columns.put("jwtEndpoint", config.jwtEndpoint());
        columns.put("issuer", config.issuer());
        columns.put("keysEndpoint", config.keysEndpoint());
        columns.put("headerName", config.headerName());
        columns.put("audience", config.audience());
        GatewayProof proof = idp.gatewayProof();
        columns.put("gatewayHeaderName", proof.headerName());
        columns.put("gatewaySecretHash", proof.secretHash());
        columns.put(
                "gatewayAllowedNetworks",
                proof.allowedNetworks().isEmpty()
                        ? null
                        : proof.allowedNetworks().stream().map(Cidr::toString).collect(Collectors.joining(",")));
        columns.put("configVersion", idp.configVersion());
        columns.put("createdAt", Timestamp.from(idp.createdAt()));
        columns.put("changedAt", Timestamp.from(idp.changedAt()));
        columns.put("sequence", idp.sequence());
        ProviderOptions options = idp.options();
        columns.put("linkingAllowed", options.linkingAllowed());
        columns.put("creationAllowed", options.creationAllowed());
        columns.put("autoCreation", options.autoCreation());
        columns.put("autoUpdate", options.autoUpdate());
        columns.put("autoLinking", options.autoLinking().name());
        columns.put(
                "tokenPolicy",
                idp.policy().equals(TokenPolicy.DEFAULT)
                        ? null
                        : json.writeValueAsString(TokenPolicyBody.of(idp.policy())));
        columns.put("headerNameGiven", idp.headerNameGiven());
        return columns;
    }

    private JwtIdp map(ResultSet rs, int row) throws SQLException {
        String policy = rs.getString("token_policy");
        return JwtIdp.stored(
                rs.getString("id"),
                rs.getString("name"),
                StylingType.valueOf(rs.getString("styling_type")),
                IdpState.valueOf(rs.getString("state")),
                new ProviderOptions(
                        rs.getBoolean("is_linking_allowed"),
                        rs.getBoolean("is_creation_allowed"),
                        rs.getBoolean("is_auto_creation"),
                        rs.getBoolean("is_auto_update"),
                        AutoLinkingOption.valueOf(rs.getString("auto_linking"))),
                new JwtConfig(
                        rs.getString("jwt_endpoint"),
                        rs.getString("issuer"),
                        rs.getString("keys_endpoint"),
                        rs.getString("header_name"),
                        rs.getString("audience")),
                gatewayProof(rs),
                policy == null
                        ? TokenPolicy.DEFAULT
                        : TokenPolicyRules.read(json.readValue(policy, TokenPolicyBody.class), null),
                rs.getBoolean("header_name_given"),
                rs.getLong("config_version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("changed_at").toInstant(),
                rs.getLong("sequence"));
    }

    private static GatewayProof gatewayProof(ResultSet rs) throws SQLException {
        String networks = rs.getString("gateway_allowed_networks");
        List<Cidr> allowed = networks == null || networks.isEmpty()
                ? List.of()
                : Arrays.stream(networks.split(","))
                        .map(network -> Cidr.parse(network)
                                .orElseThrow(() -> new IllegalStateException("stored network is not a CIDR")))
                        .toList();
        String header = rs.getString("gateway_header_name");
        String hash = rs.getString("gateway_secret_hash");
        return header == null && allowed.isEmpty() ? GatewayProof.NONE : new GatewayProof(header, hash, allowed);
    }
}
