package dev.grader.support.precondition;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class PreconditionTest {

    @Test
    void aPreconditionThatHoldsLetsTheTestGoOnWithoutAskingWhatWasSeen() {
        assertDoesNotThrow(() -> Precondition.require("pages-in-order", true, () -> {
            throw new AssertionError("observed asked for");
        }));
    }

    @Test
    void aPreconditionThatFailsAbortsTheTestNamingTheRuleAndWhatWasSeen() {
        PreconditionNotMet e = assertThrows(
                PreconditionNotMet.class,
                () -> Precondition.require("pages-in-order", false, () -> "the first page is [3, 1]"));
        assertEquals(List.of("pages-in-order"), e.rules());
        assertEquals(
                "not evaluated because rule 'pages-in-order' failed first: the first page is [3, 1]", e.getMessage());
        assertEquals(List.of("pages-in-order"), PreconditionNotMet.rulesOf(e.getMessage()));
        assertEquals(TestAbortedException.class, e.getClass().getSuperclass());
    }

    @Test
    void onlyMessagesThatStartWithTheRuleNameOne() {
        assertEquals(
                List.of(),
                PreconditionNotMet.rulesOf("expected 3 but was 4; not evaluated because rule 'x' failed first"));
        assertEquals(List.of(), PreconditionNotMet.rulesOf(null));
        assertEquals(
                List.of("a.b_c-1"), PreconditionNotMet.rulesOf("not evaluated because rule 'a.b_c-1' failed first"));
    }

    @Test
    void aPreconditionOfSeveralRulesNamesThemAll() {
        PreconditionNotMet e = assertThrows(
                PreconditionNotMet.class,
                () -> Precondition.require(List.of("a", "b"), false, () -> "order 'c' listed twice"));
        assertEquals(
                "not evaluated because one of the rules 'a', 'b' failed first: order 'c' listed twice", e.getMessage());
        assertEquals(List.of("a", "b"), PreconditionNotMet.rulesOf(e.getMessage()));
        assertThrows(IllegalArgumentException.class, () -> Precondition.require(List.of(), false, () -> ""));
    }

    @Test
    void aRuleIdMustBeOneRulesYamlCanHold() {
        assertThrows(IllegalArgumentException.class, () -> Precondition.require("two words", false, () -> ""));
        assertThrows(IllegalArgumentException.class, () -> Precondition.require((String) null, false, () -> ""));
    }
}
