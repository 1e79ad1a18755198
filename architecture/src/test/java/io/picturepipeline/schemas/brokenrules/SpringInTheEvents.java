package io.picturepipeline.schemas.brokenrules;

import org.springframework.stereotype.Component;

@Component
public class SpringInTheEvents {}
