-- The baseline of the benchmark: the job queue our users run today, as the seeds define it. Created in its own
-- database (seeds_baseline) on the benchmark's PostgreSQL. Every statement names the seed it comes from; where we
-- had to change a line to make it run, the change is marked "BENCH:" with the reason.
--
-- Not reproduced (Supabase-only, or no part of the queue's work): pg_cron and the http extension (the benchmark's
-- worker is woken by a Java timer at the same cadence), RLS policies, the realtime publication.

-- Source: ../shared/seeds/001_ef459161a88881dc.txt (DEPLOYMENT_GUIDE.md, "1.2 Create job_queue Table")
CREATE TABLE IF NOT EXISTS job_queue (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  job_type TEXT NOT NULL,
  payload JSONB NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  priority INTEGER NOT NULL DEFAULT 0,
  attempt_number INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 3,
  result JSONB,
  error_message TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  completed_at TIMESTAMPTZ,

  CONSTRAINT job_queue_status_check CHECK (status IN ('pending', 'processing', 'completed', 'failed'))
);

-- Source: 001 (same section): the three indexes
CREATE INDEX IF NOT EXISTS idx_job_queue_pending
  ON job_queue(status, priority DESC, created_at ASC)
  WHERE status = 'pending';

CREATE INDEX IF NOT EXISTS idx_job_queue_created_at
  ON job_queue(created_at DESC);

CREATE INDEX IF NOT EXISTS idx_job_queue_type
  ON job_queue(job_type, status);

-- Source: 001 ("1.3 Create Database Functions", enqueue_job)
CREATE OR REPLACE FUNCTION enqueue_job(
  p_job_type TEXT,
  p_payload JSONB,
  p_priority INTEGER DEFAULT 0,
  p_max_attempts INTEGER DEFAULT 3
)
RETURNS UUID AS $$
DECLARE
  v_job_id UUID;
BEGIN
  INSERT INTO job_queue (job_type, payload, priority, max_attempts)
  VALUES (p_job_type, p_payload, p_priority, p_max_attempts)
  RETURNING id INTO v_job_id;

  RETURN v_job_id;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER;

-- Source: 001 ("1.3", claim_next_job). BENCH: the seed's body names the columns id and attempt_number
-- unqualified; in PL/pgSQL they collide with the OUT columns of RETURNS TABLE(id, ..., attempt_number, ...), and
-- PostgreSQL refuses the call ("column reference "id" is ambiguous", see SeedQueueTest). The only change: those
-- references are qualified with the table name. Same statement, same plan, same FOR UPDATE SKIP LOCKED.
CREATE OR REPLACE FUNCTION claim_next_job()
RETURNS TABLE(
  id UUID,
  job_type TEXT,
  payload JSONB,
  attempt_number INTEGER,
  max_attempts INTEGER
) AS $$
BEGIN
  RETURN QUERY
  UPDATE job_queue
  SET
    status = 'processing',
    attempt_number = job_queue.attempt_number + 1,
    updated_at = now()
  WHERE job_queue.id = (
    SELECT job_queue.id
    FROM job_queue
    WHERE job_queue.status = 'pending'
    ORDER BY job_queue.priority DESC, job_queue.created_at ASC
    FOR UPDATE SKIP LOCKED
    LIMIT 1
  )
  RETURNING
    job_queue.id,
    job_queue.job_type,
    job_queue.payload,
    job_queue.attempt_number,
    job_queue.max_attempts;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER;

-- Source: 001 ("1.3", complete_job): retry while attempt_number < max_attempts, else failed; success clears the error
CREATE OR REPLACE FUNCTION complete_job(
  p_job_id UUID,
  p_result JSONB DEFAULT NULL,
  p_error TEXT DEFAULT NULL
)
RETURNS VOID AS $$
DECLARE
  v_job RECORD;
BEGIN
  -- Get current job state
  SELECT * INTO v_job FROM job_queue WHERE id = p_job_id;

  IF NOT FOUND THEN
    RAISE EXCEPTION 'Job not found: %', p_job_id;
  END IF;

  -- If error and retries remain, reset to pending
  IF p_error IS NOT NULL AND v_job.attempt_number < v_job.max_attempts THEN
    UPDATE job_queue
    SET
      status = 'pending',
      error_message = p_error,
      updated_at = now()
    WHERE id = p_job_id;

  -- If error and no retries left, mark as failed
  ELSIF p_error IS NOT NULL THEN
    UPDATE job_queue
    SET
      status = 'failed',
      error_message = p_error,
      completed_at = now(),
      updated_at = now()
    WHERE id = p_job_id;

  -- Success - mark as completed
  ELSE
    UPDATE job_queue
    SET
      status = 'completed',
      result = p_result,
      error_message = NULL,
      completed_at = now(),
      updated_at = now()
    WHERE id = p_job_id;
  END IF;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER;

-- Source: 001 ("5.1 Create Monitoring Views", queue_health)
CREATE OR REPLACE VIEW queue_health AS
SELECT
  COUNT(*) FILTER (WHERE status = 'pending') as pending_jobs,
  COUNT(*) FILTER (WHERE status = 'processing') as processing_jobs,
  COUNT(*) FILTER (WHERE status = 'completed' AND completed_at > now() - interval '1 hour') as completed_last_hour,
  COUNT(*) FILTER (WHERE status = 'failed' AND updated_at > now() - interval '1 hour') as failed_last_hour,
  AVG(EXTRACT(EPOCH FROM (completed_at - created_at))) FILTER (WHERE status = 'completed' AND completed_at > now() - interval '1 hour') as avg_processing_time_seconds
FROM job_queue;

-- The seeds name two more views (000: "3 monitoring views (queue_health, failed_jobs_recent, stuck_jobs)") without
-- their definitions; these follow 001's alert queries ("5.2 Set Up Alerts": stuck = processing, not updated for
-- 15 minutes) and 002's columns (failed_jobs_recent: the last 24 hours).
CREATE OR REPLACE VIEW failed_jobs_recent AS
SELECT id, job_type, payload, error_message, attempt_number, created_at, completed_at
FROM job_queue
WHERE status = 'failed' AND created_at > now() - interval '24 hours';

CREATE OR REPLACE VIEW stuck_jobs AS
SELECT id, job_type, attempt_number, updated_at
FROM job_queue
WHERE status = 'processing' AND updated_at < now() - interval '15 minutes';

-- Source: 001 ("1.4 Update image_generations Table") gives only the status constraint of the generation record the
-- worker keeps up to date (queued -> processing -> downloading -> completed | failed); 003 (process-jobs README)
-- says which steps write it and that download-image creates a record in 'images'. Minimal tables for those writes.
CREATE TABLE IF NOT EXISTS image_generations (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id TEXT NOT NULL,
  prompt TEXT NOT NULL,
  model_id TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  error_message TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  completed_at TIMESTAMPTZ,
  CONSTRAINT image_generations_status_check
    CHECK (status IN ('pending', 'queued', 'processing', 'downloading', 'completed', 'failed'))
);

CREATE TABLE IF NOT EXISTS images (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  generation_id UUID NOT NULL REFERENCES image_generations(id),
  user_id TEXT NOT NULL,
  storage_path TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
