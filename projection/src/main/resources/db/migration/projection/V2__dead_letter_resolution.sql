-- What ops did with each dead letter (DeadLetterReplayed, DeadLetterResolved), and when a generation's scheduled
-- retry is due (RetryScheduled), for the monitoring views.

alter table dead_letter
    add column dead_letter_ref   text,
    add column resolved_by       text,
    add column resolution_reason text,
    add constraint dead_letter_resolution check (resolution in ('replayed', 'resolved')),
    add constraint dead_letter_resolved_together check ((resolved_at is null) = (resolution is null));

alter table generation
    add column retry_due_at timestamptz;
