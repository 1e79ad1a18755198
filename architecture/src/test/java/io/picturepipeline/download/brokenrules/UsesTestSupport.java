package io.picturepipeline.download.brokenrules;

import io.picturepipeline.testsupport.TopicWriter;

/** Main code (it pretends) that publishes with a test helper. */
public class UsesTestSupport {

    TopicWriter writer;
}
