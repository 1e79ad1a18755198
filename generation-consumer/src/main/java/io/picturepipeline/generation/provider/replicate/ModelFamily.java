package io.picturepipeline.generation.provider.replicate;

import io.picturepipeline.schemas.ModelSpec;

/** Models whose Replicate inputs share names and semantics. */
enum ModelFamily {
    FLUX,
    SDXL,
    SD3,
    RECRAFT,
    IDEOGRAM,
    IMAGEN,
    SEEDREAM,
    QWEN,
    UPSCALER;

    static ModelFamily of(ModelSpec spec) {
        String id = spec.id();
        if (id.startsWith("black-forest-labs/flux")) {
            return FLUX;
        }
        if (id.startsWith("stability-ai/stable-diffusion-3")) {
            return SD3;
        }
        if (id.contains("sdxl")) {
            return SDXL;
        }
        if (id.startsWith("recraft-ai/")) {
            return RECRAFT;
        }
        if (id.startsWith("ideogram-ai/")) {
            return IDEOGRAM;
        }
        if (id.startsWith("google/imagen")) {
            return IMAGEN;
        }
        if (id.startsWith("bytedance/seedream")) {
            return SEEDREAM;
        }
        if (spec.upscales()) {
            return UPSCALER;
        }
        if (id.startsWith("qwen/")) {
            return QWEN;
        }
        throw new IllegalArgumentException("no Replicate input mapping for model " + id);
    }
}
