-- Users linked to JWT IdPs, OIDC applications, and login flows through a JWT IdP.

create table bridge_user (
    id                  text        not null primary key,
    state               text        not null,
    user_name           text        not null,
    given_name          text,
    family_name         text,
    display_name        text,
    nick_name           text,
    preferred_language  text,
    email               text,
    email_verified      boolean     not null default false,
    phone               text,
    created_at          timestamptz not null,
    changed_at          timestamptz not null,
    sequence            bigint      not null,
    constraint bridge_user_user_name_unique unique (user_name),
    constraint bridge_user_state_check check (state in ('USER_STATE_ACTIVE', 'USER_STATE_INACTIVE'))
);

-- (IdP, external id) -> user. Removing an IdP removes its links; a user has at most one link per IdP.
create table user_link (
    idp_id              text        not null references jwt_idp (id) on delete cascade,
    external_user_id    text        not null,
    user_id             text        not null references bridge_user (id) on delete cascade,
    provided_user_name  text,
    created_at          timestamptz not null,
    sequence            bigint      not null,
    primary key (idp_id, external_user_id),
    constraint user_link_one_per_idp unique (idp_id, user_id)
);
create index user_link_user_idx on user_link (user_id);

-- The ZITADEL-style view of an OIDC application; its protocol settings live in oauth2_registered_client.
create table oidc_app (
    id                   text        not null primary key,
    registered_client_id varchar(100) not null unique references oauth2_registered_client (id) on delete cascade,
    name                 text        not null,
    app_type             text        not null,
    auth_method_type     text        not null,
    access_token_type    text        not null,
    state                text        not null,
    created_at           timestamptz not null,
    changed_at           timestamptz not null,
    sequence             bigint      not null,
    constraint oidc_app_name_unique unique (name)
);

-- A login through a JWT IdP, from the authorize request to the callback (DESIGN §7).
create table login_flow (
    id                  text        not null primary key,
    idp_id              text        not null,
    authorize_query     text        not null,
    client_id           text        not null,
    redirect_uri        text        not null,
    state_param         text,
    binding_hash        text        not null,
    status              text        not null,
    user_id             text,
    handle_hash         text,
    error_description   text,
    created_at          timestamptz not null,
    expires_at          timestamptz not null,
    constraint login_flow_status_check check (status in ('STARTED', 'VERIFIED', 'REFUSED', 'CONSUMED'))
);
create index login_flow_expires_idx on login_flow (expires_at);
