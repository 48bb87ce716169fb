-- Up Migration
-- A key's scopes are NULL for a standard key: every scope, including ones added after it was made.
-- A key that listed every scope of its day (any of the lists below, as a set) was made to do
-- everything and becomes standard; any other list stays a restricted key. Mirrors
-- fullScopeListsBeforeKinds in @koban/contracts.
ALTER TABLE api_keys ALTER COLUMN scopes DROP NOT NULL;
UPDATE api_keys SET scopes = NULL
WHERE EXISTS (
  SELECT 1 FROM (VALUES
    (ARRAY['cardholders:read', 'cardholders:write', 'cards:read', 'cards:write', 'cards:read_sensitive',
      'programs:read']),
    (ARRAY['cardholders:read', 'cardholders:write', 'cards:read', 'cards:write', 'cards:read_sensitive',
      'programs:read', 'events:read']),
    (ARRAY['cardholders:read', 'cardholders:write', 'cards:read', 'cards:write', 'cards:read_sensitive',
      'programs:read', 'events:read', 'webhooks:read', 'webhooks:write']),
    (ARRAY['cardholders:read', 'cardholders:write', 'cards:read', 'cards:write', 'cards:read_sensitive',
      'programs:read', 'events:read', 'webhooks:read', 'webhooks:write', 'accounts:read', 'accounts:write',
      'authorizations:read', 'authorizations:write', 'funding:read', 'funding:write'])
  ) AS full_list (scopes)
  WHERE api_keys.scopes @> full_list.scopes AND api_keys.scopes <@ full_list.scopes
);

-- Down Migration
UPDATE api_keys SET scopes = ARRAY['cardholders:read', 'cardholders:write', 'cards:read', 'cards:write',
  'cards:read_sensitive', 'programs:read', 'events:read', 'webhooks:read', 'webhooks:write', 'accounts:read',
  'accounts:write', 'authorizations:read', 'authorizations:write', 'funding:read', 'funding:write']
WHERE scopes IS NULL;
ALTER TABLE api_keys ALTER COLUMN scopes SET NOT NULL;
