package com.acme.ratelimit;

import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/**
 * Hostile corpus: a test engine registered through META-INF/services that claims Jupiter's id and discovers
 * nothing. Were it loaded next to Jupiter the launcher would refuse to start; instead of it, no test would run.
 */
public final class ImpostorEngine implements TestEngine {

  @Override
  public String getId() {
    return "junit-jupiter";
  }

  @Override
  public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
    return new EngineDescriptor(uniqueId, "impostor");
  }

  @Override
  public void execute(ExecutionRequest request) {
    request.getEngineExecutionListener().executionStarted(request.getRootTestDescriptor());
  }
}
