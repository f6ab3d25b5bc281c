-- A steward's decision on held figures of one submission: their status becomes the decision
-- (approved or rejected), all of them in one statement. Parameters: $submission_id, $rows (the
-- held rows decided), $decision.
update held_figure
set status = $decision
where submission_id = $submission_id and list_contains($rows, source_row);
