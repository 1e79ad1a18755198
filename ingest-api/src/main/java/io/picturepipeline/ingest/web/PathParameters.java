package io.picturepipeline.ingest.web;

import io.picturepipeline.ingest.refusal.InvalidRequestException;
import java.util.UUID;

/** The API's path parameters, read strictly: a malformed one is a 400 naming it, never a 404 or a 500. */
public final class PathParameters {

    private PathParameters() {}

    /** A generation id: a UUID in its canonical form (36 characters). */
    public static UUID generationId(String id) {
        try {
            if (id.length() == 36) {
                UUID parsed = UUID.fromString(id);
                if (parsed.toString().equalsIgnoreCase(id)) {
                    return parsed;
                }
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new InvalidRequestException("id", "must be a UUID such as 0b6f0b1e-6a44-4a43-9a70-3f3c1b8f2d10");
    }

    /** A webhook endpoint's id: a UUID in its canonical form, like a generation's. */
    public static UUID endpointId(String id) {
        return generationId(id);
    }

    /** The index of an image of a generation: 0, 1, … */
    public static int imageIndex(String index) {
        try {
            if (index.length() <= 5 && index.chars().allMatch(Character::isDigit)) {
                return Integer.parseInt(index);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidRequestException("index", "must be a whole number from 0");
    }
}
