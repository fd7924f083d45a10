-- 004: the board may postpone (bordlägga) a matter to a later meeting: an
-- agenda item's outcome may be 'bordlagd', which moves no case.
ALTER TABLE agenda_item DROP CONSTRAINT agenda_item_outcome_check;
ALTER TABLE agenda_item ADD CONSTRAINT agenda_item_outcome_check
	CHECK (outcome IN ('beviljad', 'avslag', 'bordlagd'));
