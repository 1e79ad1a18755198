package io.picturepipeline.provider.local;

import java.util.concurrent.atomic.LongAdder;

/** Request counters behind {@code GET /admin/stats}. */
final class Counters {

    final LongAdder createRequests = new LongAdder();
    final LongAdder created = new LongAdder();
    final LongAdder polls = new LongAdder();
    final LongAdder lists = new LongAdder();
    final LongAdder cancels = new LongAdder();
    final LongAdder fileDownloads = new LongAdder();
    final LongAdder webhookDeliveries = new LongAdder();
    final LongAdder webhookFailures = new LongAdder();
    final LongAdder injectedErrors = new LongAdder();
    final LongAdder hungRequests = new LongAdder();
    final LongAdder unauthorized = new LongAdder();
    /** 429s for going over the account's {@link RateLimits} (not the injected ones). */
    final LongAdder rateLimited = new LongAdder();
}
