-- Bounded storage (issue 11). Expired authorizations are purged (purge/ExpiredRowsPurge): one is
-- expired when every token in it is, or, holding no token (a consent in progress), when it is old.
alter table oauth2_authorization add column created_at timestamptz not null default now();
create index oauth2_authorization_expiry_idx on oauth2_authorization
    (coalesce(greatest(authorization_code_expires_at, access_token_expires_at, oidc_id_token_expires_at,
                       refresh_token_expires_at, user_code_expires_at, device_code_expires_at), created_at));
