/**
 * Classes that break the architecture module's rules on purpose, in the packages of the modules they pretend to be:
 * {@code BrokenRulesTest} shows each rule failing on them. Test code of the architecture module, never imported by the
 * rules' own run over the main code.
 */
package io.picturepipeline.ingest.brokenrules;
