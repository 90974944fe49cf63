-- Spring Authorization Server's three schemas, adapted for PostgreSQL:
-- blob -> text, timestamp -> timestamptz (see the comments in the shipped *-schema.sql files).

create table oauth2_registered_client (
    id                            varchar(100)  not null primary key,
    client_id                     varchar(100)  not null unique,
    client_id_issued_at           timestamptz   default current_timestamp not null,
    client_secret                 varchar(200)  default null,
    client_secret_expires_at      timestamptz   default null,
    client_name                   varchar(200)  not null,
    client_authentication_methods varchar(1000) not null,
    authorization_grant_types     varchar(1000) not null,
    redirect_uris                 varchar(1000) default null,
    post_logout_redirect_uris     varchar(1000) default null,
    scopes                        varchar(1000) not null,
    client_settings               varchar(2000) not null,
    token_settings                varchar(2000) not null
);

create table oauth2_authorization (
    id                            varchar(100) not null primary key,
    registered_client_id          varchar(100) not null,
    principal_name                varchar(200) not null,
    authorization_grant_type      varchar(100) not null,
    authorized_scopes             varchar(1000) default null,
    attributes                    text         default null,
    state                         varchar(500) default null,
    authorization_code_value      text         default null,
    authorization_code_issued_at  timestamptz  default null,
    authorization_code_expires_at timestamptz  default null,
    authorization_code_metadata   text         default null,
    access_token_value            text         default null,
    access_token_issued_at        timestamptz  default null,
    access_token_expires_at       timestamptz  default null,
    access_token_metadata         text         default null,
    access_token_type             varchar(100) default null,
    access_token_scopes           varchar(1000) default null,
    oidc_id_token_value           text         default null,
    oidc_id_token_issued_at       timestamptz  default null,
    oidc_id_token_expires_at      timestamptz  default null,
    oidc_id_token_metadata        text         default null,
    refresh_token_value           text         default null,
    refresh_token_issued_at       timestamptz  default null,
    refresh_token_expires_at      timestamptz  default null,
    refresh_token_metadata        text         default null,
    user_code_value               text         default null,
    user_code_issued_at           timestamptz  default null,
    user_code_expires_at          timestamptz  default null,
    user_code_metadata            text         default null,
    device_code_value             text         default null,
    device_code_issued_at         timestamptz  default null,
    device_code_expires_at        timestamptz  default null,
    device_code_metadata          text         default null
);

-- JdbcOAuth2AuthorizationService looks authorizations up by each token value and by state.
create index oauth2_authorization_state_idx on oauth2_authorization (state);
create index oauth2_authorization_code_idx on oauth2_authorization (authorization_code_value);
create index oauth2_authorization_access_token_idx on oauth2_authorization (access_token_value);
create index oauth2_authorization_refresh_token_idx on oauth2_authorization (refresh_token_value);
create index oauth2_authorization_id_token_idx on oauth2_authorization (oidc_id_token_value);

create table oauth2_authorization_consent (
    registered_client_id varchar(100)  not null,
    principal_name       varchar(200)  not null,
    authorities          varchar(1000) not null,
    primary key (registered_client_id, principal_name)
);
