package io.picturepipeline.faults.invariants;

import io.picturepipeline.faults.Report;

/** One promise of the pipeline, checked against what the stack holds after the scenarios. */
interface Invariant {

    /** Adds a violation to {@code report} for every place {@code seen} breaks the promise. */
    void check(Observed seen, Report report);
}
