-- A counter that every change to the catalog bumps (a statement trigger), so that each instance learns that the
-- catalog changed from one row instead of scanning the title table every few seconds.
CREATE TABLE catalog_revision (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    revision BIGINT  NOT NULL
);
INSERT INTO catalog_revision (id, revision) VALUES (1, 0);

CREATE FUNCTION bump_catalog_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER title_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON title
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_revision();
