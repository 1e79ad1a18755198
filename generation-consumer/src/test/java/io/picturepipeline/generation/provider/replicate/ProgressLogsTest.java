package io.picturepipeline.generation.provider.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressLogsTest {

    @Test
    void theLastProgressBarOfTheLogsIsTheProgress() {
        String logs = """
                Using seed: 42
                  0%|          | 0/4 [00:00<?, ?it/s]
                 25%|██▌       | 1/4 [00:00<00:01,  1.90it/s]
                 50%|█████     | 2/4 [00:01<00:01,  1.90it/s]
                """;

        assertThat(ProgressLogs.percent(logs)).isEqualTo(50);
    }

    @Test
    void carriageReturnSeparatedBarsCountToo() {
        assertThat(ProgressLogs.percent(" 10%|█   | 1/10\r 20%|██  | 2/10\r 30%|███ | 3/10"))
                .isEqualTo(30);
    }

    @Test
    void percentagesOutsideAProgressBarAreIgnored() {
        assertThat(ProgressLogs.percent("loaded 100% of weights\n 40%|████      | 8/20"))
                .isEqualTo(40);
        assertThat(ProgressLogs.percent("loaded 100% of weights")).isZero();
    }

    @Test
    void noLogsMeanNoProgress() {
        assertThat(ProgressLogs.percent(null)).isZero();
        assertThat(ProgressLogs.percent("")).isZero();
        assertThat(ProgressLogs.percent("Using seed: 7\n")).isZero();
    }

    @Test
    void aFinishedBarIsAHundred() {
        assertThat(ProgressLogs.percent("100%|██████████| 4/4 [00:02<00:00,  1.90it/s]"))
                .isEqualTo(100);
    }
}
