package io.picturepipeline.ingest.generation;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A page of the caller's generations, newest first; {@code next} is null on the last page. */
public record GenerationPage(
        List<GenerationView> items, @Nullable PageCursor next) {}
