package io.picturepipeline.provider.local;

import tools.jackson.databind.JsonNode;

/** Reads and validates typed fields of a prediction {@code input}; violations are 422 answers. */
final class Inputs {

    private Inputs() {}

    static int intField(JsonNode input, String name, int defaultValue, int min, int max) {
        long value = longField(input, name, defaultValue);
        if (value < min || value > max) {
            throw ApiException.invalid("input." + name + " must be between " + min + " and " + max);
        }
        return (int) value;
    }

    static long longField(JsonNode input, String name, long defaultValue) {
        JsonNode node = input.get(name);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isString()) {
            try {
                return Long.parseLong(node.asString().trim());
            } catch (NumberFormatException e) {
                // fall through to the 422 below
            }
        }
        throw ApiException.invalid("input." + name + " must be an integer");
    }

    static double doubleField(JsonNode input, String name, double defaultValue, double min, double max) {
        JsonNode node = input.get(name);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isNumber()) {
            throw ApiException.invalid("input." + name + " must be a number");
        }
        double value = node.asDouble();
        if (!(value >= min && value <= max)) {
            throw ApiException.invalid("input." + name + " must be between " + min + " and " + max);
        }
        return value;
    }

    static String stringField(JsonNode input, String name) {
        JsonNode node = input.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw ApiException.invalid("input." + name + " must be a string");
        }
        return node.asString();
    }
}
