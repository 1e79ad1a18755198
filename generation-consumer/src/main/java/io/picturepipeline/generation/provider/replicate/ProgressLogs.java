package io.picturepipeline.generation.provider.replicate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Progress from Replicate's prediction logs: diffusion models print tqdm bars such as
 * {@code " 50%|█████     | 2/4 [00:01<00:01,  1.90it/s]"}; the last {@code NN%|} is the current progress.
 */
final class ProgressLogs {

    private static final Pattern PERCENT_BAR = Pattern.compile("(\\d{1,3})%\\|");

    private ProgressLogs() {}

    /** 0..100; 0 when the logs hold no progress bar. */
    static int percent(String logs) {
        if (logs == null || logs.isEmpty()) {
            return 0;
        }
        Matcher matcher = PERCENT_BAR.matcher(logs);
        int last = 0;
        while (matcher.find()) {
            last = Integer.parseInt(matcher.group(1));
        }
        return Math.min(last, 100);
    }
}
