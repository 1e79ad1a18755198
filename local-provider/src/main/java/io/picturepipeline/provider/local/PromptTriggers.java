package io.picturepipeline.provider.local;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic per-request faults written into the prompt text (see README): {@code [fail:permanent]},
 * {@code [fail:create:NNN]}, {@code [fail:times=N]} and {@code [latency:ISO-8601]}.
 *
 * @param createStatus status the create call answers, 0 = none
 * @param failTimes the first N create calls with this exact prompt answer 503, 0 = none
 * @param latency latency override for this prediction, {@code null} = none
 */
record PromptTriggers(boolean permanentFailure, int createStatus, int failTimes, Duration latency) {

    private static final Pattern PERMANENT = Pattern.compile("\\[fail:permanent]");
    private static final Pattern CREATE = Pattern.compile("\\[fail:create:(\\d{3})]");
    private static final Pattern TIMES = Pattern.compile("\\[fail:times=(\\d{1,6})]");
    private static final Pattern LATENCY = Pattern.compile("\\[latency:([^]\\s]+)]");

    static PromptTriggers parse(String prompt) {
        boolean permanent = PERMANENT.matcher(prompt).find();
        Matcher create = CREATE.matcher(prompt);
        int createStatus = create.find() ? Integer.parseInt(create.group(1)) : 0;
        if (createStatus != 0 && (createStatus < 400 || createStatus > 599)) {
            throw ApiException.invalid("[fail:create:NNN] needs a 4xx/5xx status: " + createStatus);
        }
        Matcher times = TIMES.matcher(prompt);
        int failTimes = times.find() ? Integer.parseInt(times.group(1)) : 0;
        Matcher latency = LATENCY.matcher(prompt);
        return new PromptTriggers(
                permanent, createStatus, failTimes, latency.find() ? duration(latency.group(1)) : null);
    }

    private static Duration duration(String text) {
        try {
            Duration value = Duration.parse(text);
            if (value.isNegative()) {
                throw ApiException.invalid("[latency:...] must not be negative: " + text);
            }
            return value;
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("[latency:...] needs an ISO-8601 duration like PT5S: " + text);
        }
    }
}
