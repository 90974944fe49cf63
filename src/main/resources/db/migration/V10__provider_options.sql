-- ZITADEL's provider options (IdP templates API, DESIGN §11) for every JWT IdP. auto_register stays
-- as the v1 view of them: it is true exactly when creation is allowed and automatic. Existing IdPs
-- keep their behaviour: autoRegister becomes creation + automatic creation, the profile is refreshed
-- at each login (automatic update, as before), and nothing is linked automatically.
alter table jwt_idp
    add column is_linking_allowed  boolean not null default false,
    add column is_creation_allowed boolean not null default false,
    add column is_auto_creation    boolean not null default false,
    add column is_auto_update      boolean not null default true,
    add column auto_linking        text    not null default 'AUTO_LINKING_OPTION_UNSPECIFIED',
    add constraint jwt_idp_auto_linking_check check (auto_linking in
        ('AUTO_LINKING_OPTION_UNSPECIFIED', 'AUTO_LINKING_OPTION_USERNAME', 'AUTO_LINKING_OPTION_EMAIL'));

update jwt_idp set is_creation_allowed = auto_register, is_auto_creation = auto_register;

alter table jwt_idp
    add constraint jwt_idp_auto_register_check check (auto_register = (is_creation_allowed and is_auto_creation));

-- A login whose unknown user must confirm the creation of an account: the flow waits in CONFIRMING
-- with the token's subject and profile until the browser answers (create or cancel).
alter table login_flow
    add column pending_sub     text,
    add column pending_profile text,
    drop constraint login_flow_status_check,
    add constraint login_flow_status_check check (status in ('STARTED', 'VERIFIED', 'REFUSED', 'CONSUMED', 'CONFIRMING'));

-- Automatic linking looks users up by user name and by email, ignoring case.
create index bridge_user_lower_user_name_idx on bridge_user (lower(user_name));
create index bridge_user_lower_email_idx on bridge_user (lower(email)) where email_verified;
