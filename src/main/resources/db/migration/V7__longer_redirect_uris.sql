-- Up to 20 redirect URIs of up to 1000 characters each are joined with commas into one column:
-- make room for them.
alter table oauth2_registered_client alter column redirect_uris type text;
alter table oauth2_registered_client alter column post_logout_redirect_uris type text;
