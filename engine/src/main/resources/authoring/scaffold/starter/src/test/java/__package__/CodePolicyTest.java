package @@PACKAGE@@;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.support.policy.CodePolicy;
import dev.grader.support.policy.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The code policy (README.md, "Code policy"), checked the way the grader checks it: over the compiled main classes
 * and what src/main/resources holds. A submission that breaks it is not graded (score 0).
 */
class CodePolicyTest {

  @Test
  void mainCodeKeepsToTheCodePolicy() {
    CodePolicy.Result result = CodePolicy.check(Path.of("target/classes"), Path.of("src/main/resources"), Set.of());
    assertTrue(result.classFiles() > 0, "no class files under target/classes: run this through Maven (mvn test)");
    List<String> findings = result.findings().stream().map(Finding::toString).toList();
    assertEquals(List.of(), findings, "the grader refuses code that " + String.join("; ", findings));
  }
}
