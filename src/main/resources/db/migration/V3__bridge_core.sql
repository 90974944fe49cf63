-- The bridge's own tables: the instance, the append-only audit log, signing keys and JWT IdPs.

-- One row: the instance id, which is the resourceOwner of everything this bridge holds.
create table bridge_instance (
    id         text        not null primary key,
    singleton  boolean     not null default true unique check (singleton),
    created_at timestamptz not null default now()
);
insert into bridge_instance (id)
values ((floor(random() * 9e17) + 1e17)::bigint::text);

-- Every change appends one event; its sequence is the details.sequence of the API answer.
create table audit_event (
    sequence       bigint generated always as identity primary key,
    created_at     timestamptz not null default clock_timestamp(),
    aggregate_type text        not null,
    aggregate_id   text        not null,
    event_type     text        not null,
    editor         text,
    resource_owner text        not null,
    payload        jsonb       not null default '{}'::jsonb
);
create index audit_event_aggregate_idx on audit_event (aggregate_type, aggregate_id, sequence);
create index audit_event_type_idx on audit_event (event_type, sequence);

create function audit_event_is_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_event is append-only: % refused', tg_op;
end;
$$;
create trigger audit_event_append_only
    before update or delete or truncate on audit_event
    for each statement execute function audit_event_is_append_only();

-- The bridge's own signing keys; the private key is encrypted with jwtbridge.master-key.
create table signing_key (
    kid               text        not null primary key,
    algorithm         text        not null,
    public_jwk        text        not null,
    private_key       bytea       not null,
    created_at        timestamptz not null default now()
);
create index signing_key_created_idx on signing_key (created_at desc);

create table jwt_idp (
    id              text        not null primary key,
    name            text        not null,
    styling_type    text        not null,
    state           text        not null,
    auto_register   boolean     not null,
    jwt_endpoint    text        not null,
    issuer          text        not null,
    keys_endpoint   text        not null,
    header_name     text        not null,
    config_version  bigint      not null default 1,
    created_at      timestamptz not null,
    changed_at      timestamptz not null,
    sequence        bigint      not null,
    constraint jwt_idp_name_unique unique (name),
    constraint jwt_idp_styling_type_check check (styling_type in ('STYLING_TYPE_UNSPECIFIED', 'STYLING_TYPE_GOOGLE')),
    constraint jwt_idp_state_check check (state in ('IDP_STATE_ACTIVE', 'IDP_STATE_INACTIVE'))
);
