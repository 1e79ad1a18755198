package io.picturepipeline.provider.local;

import io.picturepipeline.schemas.ModelCatalogue;
import java.util.Locale;

/** Model name ({@code owner/name}) and version id of a prediction. */
record ModelRef(String model, String version) {

    static final String UNKNOWN_MODEL = "local-provider/fake-diffusion";

    /** From the {@code version} field: a version id, {@code owner/name} or {@code owner/name:version}. */
    static ModelRef fromVersionField(String version) {
        int colon = version.indexOf(':');
        if (colon > 0) {
            return new ModelRef(version.substring(0, colon), version.substring(colon + 1));
        }
        if (version.contains("/")) {
            return forModel(version);
        }
        return new ModelRef(UNKNOWN_MODEL, version);
    }

    /** From {@code /v1/models/{owner}/{name}/predictions}: the latest (deterministic, fake) version. */
    static ModelRef forModel(String model) {
        return new ModelRef(model, Hashes.hex("version", model));
    }

    boolean isUpscaler() {
        return model.equals(ModelCatalogue.UPSCALER);
    }

    boolean isRecraft() {
        return model.toLowerCase(Locale.ROOT).contains("recraft");
    }

    boolean isSvgModel() {
        return isRecraft() && model.toLowerCase(Locale.ROOT).contains("svg");
    }
}
