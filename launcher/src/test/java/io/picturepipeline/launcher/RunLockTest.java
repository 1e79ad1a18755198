package io.picturepipeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {

    @Test
    void aSecondRunIsRefusedAndToldWhoHoldsTheLock(@TempDir Path dir) {
        Path file = dir.resolve("run.lock");
        try (RunLock first = RunLock.tryAcquire(file, new StringBuilder()).orElseThrow()) {
            StringBuilder holder = new StringBuilder();

            Optional<RunLock> second = RunLock.tryAcquire(file, holder);

            assertThat(second).isEmpty();
            assertThat(holder.toString())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
    }

    @Test
    void theLockIsFreeAgainOnceReleased(@TempDir Path dir) {
        Path file = dir.resolve("run.lock");
        RunLock.tryAcquire(file, new StringBuilder()).orElseThrow().close();

        try (RunLock again = RunLock.tryAcquire(file, new StringBuilder()).orElseThrow()) {
            assertThat(again).isNotNull();
        }
    }
}
