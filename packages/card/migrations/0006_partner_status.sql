-- Up Migration
-- `card`'s copy of which partners Koban's staff have suspended (from partner's events): a
-- suspended partner's cards decline. Version: the partner stream's, so the newest status wins.
CREATE TABLE partners (
  id text PRIMARY KEY,
  suspended boolean NOT NULL,
  version integer NOT NULL
);

-- Down Migration
DROP TABLE partners;
