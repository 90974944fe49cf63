-- A login's authorization row holds a code first and its tokens only after the token request; a
-- client-credentials grant holds no code. The lookups are all "column = ?", which no null can
-- match, so null values need no index entry: the insert at the callback writes 3 index entries
-- instead of 7 (docs/performance.md#database-work-per-login).
drop index oauth2_authorization_code_idx;
create index oauth2_authorization_code_idx on oauth2_authorization (authorization_code_value)
    where authorization_code_value is not null;
drop index oauth2_authorization_access_token_idx;
create index oauth2_authorization_access_token_idx on oauth2_authorization (access_token_value)
    where access_token_value is not null;
drop index oauth2_authorization_refresh_token_idx;
create index oauth2_authorization_refresh_token_idx on oauth2_authorization (refresh_token_value)
    where refresh_token_value is not null;
drop index oauth2_authorization_id_token_idx;
create index oauth2_authorization_id_token_idx on oauth2_authorization (oidc_id_token_value)
    where oidc_id_token_value is not null;
drop index oauth2_authorization_state_idx;
create index oauth2_authorization_state_idx on oauth2_authorization (state)
    where state is not null;
