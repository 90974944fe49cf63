-- An optional proof, per JWT IdP, that the JWT handler's caller is the IdP's gateway: a secret the
-- gateway sends in a header of its own (stored as its SHA-256, never as is) and/or the networks the
-- gateway calls from (CIDRs, comma-separated). Null and null: no proof asked, as before.
alter table jwt_idp add column gateway_header_name text;
alter table jwt_idp add column gateway_secret_hash text;
alter table jwt_idp add column gateway_allowed_networks text;
alter table jwt_idp add constraint jwt_idp_gateway_secret_check
    check ((gateway_header_name is null) = (gateway_secret_hash is null));
