-- urlcheck sink schema, version 6: where a link was found (CheckResult.source), for results of a run over
-- documents (./urlcheck run README.md docs/). Nullable: a URL read from a list has no source, and rows stored
-- before this version keep null (their documents had no source either). Adding nullable columns without a
-- default rewrites nothing, so the upgrade is instant on a large history. The whole result, source included,
-- stays in checks.result; these columns let SQL find a document's broken links:
--   SELECT url, outcome, source_line FROM checks WHERE source_file = 'README.md' ORDER BY source_line;
ALTER TABLE checks ADD COLUMN source_file text, ADD COLUMN source_line integer;
