-- An optional audience per JWT IdP: when set, the forwarded JWT's aud must contain it. Without it, a
-- token of a shared issuer (Google IAP, one Cloudflare team, one OIDC realm) for another audience
-- would be accepted.
alter table jwt_idp add column audience text;
