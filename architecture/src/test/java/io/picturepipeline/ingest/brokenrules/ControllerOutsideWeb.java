package io.picturepipeline.ingest.brokenrules;

import org.springframework.web.bind.annotation.RestController;

@RestController
public class ControllerOutsideWeb {}
