-- Spring Authorization Server checks "code not yet used" and marks it used in two steps, so parallel
-- redemptions of one code could all succeed. The bridge claims a code with one conditional UPDATE of
-- this column before the Authorization Server sees it (SingleUseCodeAuthorizationService).
alter table oauth2_authorization add column code_redeemed boolean not null default false;
