-- A login flow is inserted at the authorize request and updated twice within seconds (STARTED ->
-- VERIFIED -> CONSUMED); neither update changes an indexed column. With room left in each page the
-- updates are HOT (heap-only): no new entry in the flow's two indexes and less WAL per login
-- (docs/performance.md#database-work-per-login). Pages written from now on keep that room.
alter table login_flow set (fillfactor = 40);
