-- The per-IdP token policy (docs/admin-api.md#token-policy), stored as the JSON the admin API shows;
-- null is the default policy, which checks tokens exactly as before. header_name_given tells whether
-- the IdP's headerName was given or defaulted to Authorization: with a gateway preset, only a given
-- one replaces the preset's token sources.
alter table jwt_idp
    add column token_policy      text,
    add column header_name_given boolean not null default true;

update jwt_idp set header_name_given = (header_name <> 'Authorization');

-- jti one-time use: a token id (its SHA-256, base64url) is kept per IdP only while the token could
-- still be accepted (exp, at most iat + maxTokenAge, plus the clock skew); the purge deletes the
-- rest, so the table is bounded by the logins of one token lifetime.
create table used_token_id (
    idp_id     text        not null references jwt_idp (id) on delete cascade,
    jti_hash   text        not null,
    expires_at timestamptz not null,
    primary key (idp_id, jti_hash)
);
create index used_token_id_expires_at_idx on used_token_id (expires_at);

-- The roles a claim mapping found in the identity's last token (a JSON array), per link: the
-- tokens the bridge issues for a session through that IdP carry them as "roles".
alter table user_link add column roles text;
