package @@PACKAGE@@.hidden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import @@PACKAGE@@.WordCounter;
import dev.grader.support.Seeds;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A hidden suite: its tag is the rubric category its tests score in. */
@Tag("correctness")
class CountingTest {

  // Single spaces, tabs and line breaks: a count that splits on single spaces only then always comes out low (a
  // double space would add an empty word and could make up for a missed tab, so the mutant would pass for some seeds).
  private static final String[] SEPARATORS = {" ", "\t", "\n", "\r\n", "\t\t", "\n\n"};

  @Test
  void wordsAreSeparatedByAnyRunOfWhiteSpace() {
    Random random = Seeds.random("words"); // the report prints the seed; --seed N repeats this text
    int words = 3 + random.nextInt(20);
    StringBuilder text = new StringBuilder();
    int tab = random.nextInt(words - 1); // at least one tab between two words, whatever the seed
    for (int i = 0; i < words; i++) {
      text.append("w").append(i).append(i == tab ? "\t" : SEPARATORS[random.nextInt(SEPARATORS.length)]);
    }
    // The message says what was expected and what was seen, without the hidden data itself.
    assertEquals(words, WordCounter.count(text.toString()),
        "a text of " + words + " words separated by runs of spaces, tabs and line breaks");
  }
}
